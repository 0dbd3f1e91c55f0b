using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HealthCodeColours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "colour_facts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    state_label = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    start = table.Column<long>(type: "INTEGER", nullable: false),
                    end = table.Column<long>(type: "INTEGER", nullable: true),
                    end_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    last_event_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_facts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_overrides",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    colour = table.Column<short>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    days = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<short>(type: "INTEGER", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decision_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    until = table.Column<long>(type: "INTEGER", nullable: true),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_overrides", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_rule_sets",
                columns: table => new
                {
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    reevaluation_total = table.Column<int>(type: "INTEGER", nullable: false),
                    reevaluation_done = table.Column<int>(type: "INTEGER", nullable: false),
                    reevaluation_cursor = table.Column<Guid>(type: "TEXT", nullable: true),
                    reevaluated_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_rule_sets", x => x.version);
                });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_rule_set_version",
                table: "person_colours",
                column: "rule_set_version");

            migrationBuilder.CreateIndex(
                name: "ix_colour_facts_person_id",
                table: "colour_facts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_colour_facts_source_id_kind",
                table: "colour_facts",
                columns: new[] { "source_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_overrides_person_id_status",
                table: "colour_overrides",
                columns: new[] { "person_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_overrides_status_requested_at",
                table: "colour_overrides",
                columns: new[] { "status", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "colour_facts");

            migrationBuilder.DropTable(
                name: "colour_overrides");

            migrationBuilder.DropTable(
                name: "colour_rule_sets");

            migrationBuilder.DropIndex(
                name: "ix_person_colours_rule_set_version",
                table: "person_colours");
        }
    }
}
