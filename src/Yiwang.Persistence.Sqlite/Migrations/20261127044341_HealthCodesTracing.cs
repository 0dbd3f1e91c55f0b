using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HealthCodesTracing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tracing_contacts",
                columns: table => new
                {
                    tracing_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    encounters = table.Column<int>(type: "INTEGER", nullable: false),
                    venues = table.Column<int>(type: "INTEGER", nullable: false),
                    first_at = table.Column<long>(type: "INTEGER", nullable: false),
                    max_overlap_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    confirmed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    confirm_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracing_contacts", x => new { x.tracing_id, x.person_id });
                });

            migrationBuilder.CreateTable(
                name: "tracing_encounters",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tracing_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    venue_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index_scanned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    contact_scanned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    overlap_seconds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracing_encounters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index_person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index_community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    index_street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    window_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    days = table.Column<int>(type: "INTEGER", nullable: false),
                    from = table.Column<long>(type: "INTEGER", nullable: false),
                    to = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    has_code = table.Column<bool>(type: "INTEGER", nullable: false),
                    visits = table.Column<int>(type: "INTEGER", nullable: false),
                    venues = table.Column<int>(type: "INTEGER", nullable: false),
                    contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    encounters = table.Column<int>(type: "INTEGER", nullable: false),
                    unlinked_subjects = table.Column<int>(type: "INTEGER", nullable: false),
                    confirmed_contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    search_milliseconds = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tracing_contacts_person_id",
                table: "tracing_contacts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_tracing_encounters_tracing_id_person_id",
                table: "tracing_encounters",
                columns: new[] { "tracing_id", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_case_id",
                table: "tracings",
                column: "case_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tracings_created_at",
                table: "tracings",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_community_code_created_at",
                table: "tracings",
                columns: new[] { "index_community_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_person_id_created_at",
                table: "tracings",
                columns: new[] { "index_person_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_street_code_created_at",
                table: "tracings",
                columns: new[] { "index_street_code", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tracing_contacts");

            migrationBuilder.DropTable(
                name: "tracing_encounters");

            migrationBuilder.DropTable(
                name: "tracings");
        }
    }
}
