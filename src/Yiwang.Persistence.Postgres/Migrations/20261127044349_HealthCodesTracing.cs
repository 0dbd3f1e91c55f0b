using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HealthCodesTracing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tracing_contacts",
                schema: "healthcodes",
                columns: table => new
                {
                    tracing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    encounters = table.Column<int>(type: "integer", nullable: false),
                    venues = table.Column<int>(type: "integer", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    max_overlap_seconds = table.Column<int>(type: "integer", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    confirmed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    confirm_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracing_contacts", x => new { x.tracing_id, x.person_id });
                });

            migrationBuilder.CreateTable(
                name: "tracing_encounters",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tracing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    index_scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    contact_scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    overlap_seconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracing_encounters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracings",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    index_person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    index_community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    index_street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    window_minutes = table.Column<int>(type: "integer", nullable: false),
                    days = table.Column<int>(type: "integer", nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    has_code = table.Column<bool>(type: "boolean", nullable: false),
                    visits = table.Column<int>(type: "integer", nullable: false),
                    venues = table.Column<int>(type: "integer", nullable: false),
                    contacts = table.Column<int>(type: "integer", nullable: false),
                    encounters = table.Column<int>(type: "integer", nullable: false),
                    unlinked_subjects = table.Column<int>(type: "integer", nullable: false),
                    confirmed_contacts = table.Column<int>(type: "integer", nullable: false),
                    search_milliseconds = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tracing_contacts_person_id",
                schema: "healthcodes",
                table: "tracing_contacts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_tracing_encounters_tracing_id_person_id",
                schema: "healthcodes",
                table: "tracing_encounters",
                columns: new[] { "tracing_id", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_case_id",
                schema: "healthcodes",
                table: "tracings",
                column: "case_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tracings_created_at",
                schema: "healthcodes",
                table: "tracings",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_community_code_created_at",
                schema: "healthcodes",
                table: "tracings",
                columns: new[] { "index_community_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_person_id_created_at",
                schema: "healthcodes",
                table: "tracings",
                columns: new[] { "index_person_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_street_code_created_at",
                schema: "healthcodes",
                table: "tracings",
                columns: new[] { "index_street_code", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tracing_contacts",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "tracing_encounters",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "tracings",
                schema: "healthcodes");
        }
    }
}
