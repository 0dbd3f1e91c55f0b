using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HealthCodeColours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "colour_facts",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state_label = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_event_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_facts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_overrides",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    colour = table.Column<short>(type: "smallint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    days = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_overrides", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_rule_sets",
                schema: "healthcodes",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    json = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reevaluation_total = table.Column<int>(type: "integer", nullable: false),
                    reevaluation_done = table.Column<int>(type: "integer", nullable: false),
                    reevaluation_cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    reevaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_rule_sets", x => x.version);
                });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_rule_set_version",
                schema: "healthcodes",
                table: "person_colours",
                column: "rule_set_version");

            migrationBuilder.CreateIndex(
                name: "ix_colour_facts_person_id",
                schema: "healthcodes",
                table: "colour_facts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_colour_facts_source_id_kind",
                schema: "healthcodes",
                table: "colour_facts",
                columns: new[] { "source_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_overrides_person_id_status",
                schema: "healthcodes",
                table: "colour_overrides",
                columns: new[] { "person_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_overrides_status_requested_at",
                schema: "healthcodes",
                table: "colour_overrides",
                columns: new[] { "status", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "colour_facts",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "colour_overrides",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "colour_rule_sets",
                schema: "healthcodes");

            migrationBuilder.DropIndex(
                name: "ix_person_colours_rule_set_version",
                schema: "healthcodes",
                table: "person_colours");
        }
    }
}
