using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HealthCodesShared : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "citizen_links",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    linked_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citizen_links", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "colour_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from = table.Column<short>(type: "INTEGER", nullable: false),
                    to = table.Column<short>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    cause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    rule_set_version = table.Column<int>(type: "INTEGER", nullable: false),
                    override_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reasons_json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "declarations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    declared_at = table.Column<long>(type: "INTEGER", nullable: false),
                    fever = table.Column<bool>(type: "INTEGER", nullable: false),
                    symptoms = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    travel_region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    travel_region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    travel_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    travel_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_declarations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_colours",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    colour = table.Column<short>(type: "INTEGER", nullable: false),
                    since = table.Column<long>(type: "INTEGER", nullable: false),
                    next_review_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reasons_json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    rule_set_version = table.Column<int>(type: "INTEGER", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    evaluated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_colours", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "scans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    venue_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    scanned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    colour = table.Column<short>(type: "INTEGER", nullable: false),
                    kid = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    mode = table.Column<short>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subject_links",
                columns: table => new
                {
                    subject = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subject_links", x => x.subject);
                });

            migrationBuilder.CreateTable(
                name: "venues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    key_hint = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    key_issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venues", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_citizen_links_person_id",
                table: "citizen_links",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_colour_changes_person_id_at",
                table: "colour_changes",
                columns: new[] { "person_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_declarations_person_id_declared_at",
                table: "declarations",
                columns: new[] { "person_id", "declared_at" });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_community_code_colour",
                table: "person_colours",
                columns: new[] { "community_code", "colour" });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_next_review_at",
                table: "person_colours",
                column: "next_review_at");

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_street_code_colour",
                table: "person_colours",
                columns: new[] { "street_code", "colour" });

            migrationBuilder.CreateIndex(
                name: "ix_scans_scanned_at",
                table: "scans",
                column: "scanned_at");

            migrationBuilder.CreateIndex(
                name: "ix_scans_subject_scanned_at",
                table: "scans",
                columns: new[] { "subject", "scanned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_scans_venue_id_scanned_at",
                table: "scans",
                columns: new[] { "venue_id", "scanned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_subject_links_person_id",
                table: "subject_links",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_code",
                table: "venues",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_community_code",
                table: "venues",
                column: "community_code");

            migrationBuilder.CreateIndex(
                name: "ix_venues_key_hash",
                table: "venues",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_street_code",
                table: "venues",
                column: "street_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "citizen_links");

            migrationBuilder.DropTable(
                name: "colour_changes");

            migrationBuilder.DropTable(
                name: "declarations");

            migrationBuilder.DropTable(
                name: "person_colours");

            migrationBuilder.DropTable(
                name: "scans");

            migrationBuilder.DropTable(
                name: "subject_links");

            migrationBuilder.DropTable(
                name: "venues");
        }
    }
}
