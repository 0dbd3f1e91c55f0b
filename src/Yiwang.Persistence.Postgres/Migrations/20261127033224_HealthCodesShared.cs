using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HealthCodesShared : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "citizen_links",
                schema: "healthcodes",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citizen_links", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "colour_changes",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<short>(type: "smallint", nullable: false),
                    to = table.Column<short>(type: "smallint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    rule_set_version = table.Column<int>(type: "integer", nullable: false),
                    override_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reasons_json = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "declarations",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fever = table.Column<bool>(type: "boolean", nullable: false),
                    symptoms = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    travel_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    travel_region_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    travel_from = table.Column<DateOnly>(type: "date", nullable: true),
                    travel_to = table.Column<DateOnly>(type: "date", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_declarations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_colours",
                schema: "healthcodes",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    colour = table.Column<short>(type: "smallint", nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_review_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reasons_json = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    rule_set_version = table.Column<int>(type: "integer", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_colours", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "scans",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(43)", maxLength: 43, nullable: false),
                    scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    colour = table.Column<short>(type: "smallint", nullable: false),
                    kid = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    mode = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subject_links",
                schema: "healthcodes",
                columns: table => new
                {
                    subject = table.Column<string>(type: "character varying(43)", maxLength: 43, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subject_links", x => x.subject);
                });

            migrationBuilder.CreateTable(
                name: "venues",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key_hint = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    key_issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venues", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_citizen_links_person_id",
                schema: "healthcodes",
                table: "citizen_links",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_colour_changes_person_id_at",
                schema: "healthcodes",
                table: "colour_changes",
                columns: new[] { "person_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_declarations_person_id_declared_at",
                schema: "healthcodes",
                table: "declarations",
                columns: new[] { "person_id", "declared_at" });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_community_code_colour",
                schema: "healthcodes",
                table: "person_colours",
                columns: new[] { "community_code", "colour" });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_next_review_at",
                schema: "healthcodes",
                table: "person_colours",
                column: "next_review_at");

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_street_code_colour",
                schema: "healthcodes",
                table: "person_colours",
                columns: new[] { "street_code", "colour" });

            migrationBuilder.CreateIndex(
                name: "ix_scans_scanned_at",
                schema: "healthcodes",
                table: "scans",
                column: "scanned_at");

            migrationBuilder.CreateIndex(
                name: "ix_scans_subject_scanned_at",
                schema: "healthcodes",
                table: "scans",
                columns: new[] { "subject", "scanned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_scans_venue_id_scanned_at",
                schema: "healthcodes",
                table: "scans",
                columns: new[] { "venue_id", "scanned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_subject_links_person_id",
                schema: "healthcodes",
                table: "subject_links",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_code",
                schema: "healthcodes",
                table: "venues",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_community_code",
                schema: "healthcodes",
                table: "venues",
                column: "community_code");

            migrationBuilder.CreateIndex(
                name: "ix_venues_key_hash",
                schema: "healthcodes",
                table: "venues",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_street_code",
                schema: "healthcodes",
                table: "venues",
                column: "street_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "citizen_links",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "colour_changes",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "declarations",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "person_colours",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "scans",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "subject_links",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "venues",
                schema: "healthcodes");
        }
    }
}
