using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EpidemicCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_feed_events",
                columns: table => new
                {
                    source_record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    flag = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_feed_events", x => new { x.source_record_id, x.flag });
                });

            migrationBuilder.CreateTable(
                name: "case_tests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sampled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_tests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    to_state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_transitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    state_since = table.Column<long>(type: "INTEGER", nullable: false),
                    phase_since = table.Column<long>(type: "INTEGER", nullable: false),
                    closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    responsible_unit = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    reported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disease_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disease_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "diseases",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    definition = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_diseases", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "risk_grades",
                columns: table => new
                {
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    rule_version = table.Column<int>(type: "INTEGER", nullable: false),
                    computed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_grades", x => new { x.disease_code, x.date, x.unit_code });
                });

            migrationBuilder.CreateTable(
                name: "unit_case_counts",
                columns: table => new
                {
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false),
                    stamp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_case_counts", x => new { x.disease_code, x.community_code, x.state });
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_tests_case_id_sampled_at",
                table: "case_tests",
                columns: new[] { "case_id", "sampled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_case_id_id",
                table: "case_transitions",
                columns: new[] { "case_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_to_state_at",
                table: "case_transitions",
                columns: new[] { "to_state", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_community_code_category_state_reported_at",
                table: "cases",
                columns: new[] { "community_code", "category", "state", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_disease_code_state_phase_since",
                table: "cases",
                columns: new[] { "disease_code", "state", "phase_since" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_person_id_disease_code_closed",
                table: "cases",
                columns: new[] { "person_id", "disease_code", "closed" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_street_code_category_state_reported_at",
                table: "cases",
                columns: new[] { "street_code", "category", "state", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_disease_versions_disease_code_version",
                table: "disease_versions",
                columns: new[] { "disease_code", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_feed_events");

            migrationBuilder.DropTable(
                name: "case_tests");

            migrationBuilder.DropTable(
                name: "case_transitions");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "disease_versions");

            migrationBuilder.DropTable(
                name: "diseases");

            migrationBuilder.DropTable(
                name: "risk_grades");

            migrationBuilder.DropTable(
                name: "unit_case_counts");
        }
    }
}
