using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EpidemicCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "epidemic");

            migrationBuilder.CreateTable(
                name: "case_feed_events",
                schema: "epidemic",
                columns: table => new
                {
                    source_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    flag = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_feed_events", x => new { x.source_record_id, x.flag });
                });

            migrationBuilder.CreateTable(
                name: "case_tests",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sampled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_tests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_transitions",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    to_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_transitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    disease_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    phase_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed = table.Column<bool>(type: "boolean", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    responsible_unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    origin = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disease_versions",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disease_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disease_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "diseases",
                schema: "epidemic",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_en = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_diseases", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "risk_grades",
                schema: "epidemic",
                columns: table => new
                {
                    disease_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    level = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    rule_version = table.Column<int>(type: "integer", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_grades", x => new { x.disease_code, x.date, x.unit_code });
                });

            migrationBuilder.CreateTable(
                name: "unit_case_counts",
                schema: "epidemic",
                columns: table => new
                {
                    disease_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_case_counts", x => new { x.disease_code, x.community_code, x.state });
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_tests_case_id_sampled_at",
                schema: "epidemic",
                table: "case_tests",
                columns: new[] { "case_id", "sampled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_case_id_id",
                schema: "epidemic",
                table: "case_transitions",
                columns: new[] { "case_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_to_state_at",
                schema: "epidemic",
                table: "case_transitions",
                columns: new[] { "to_state", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_community_code_category_state_reported_at",
                schema: "epidemic",
                table: "cases",
                columns: new[] { "community_code", "category", "state", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_disease_code_state_phase_since",
                schema: "epidemic",
                table: "cases",
                columns: new[] { "disease_code", "state", "phase_since" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_person_id_disease_code_closed",
                schema: "epidemic",
                table: "cases",
                columns: new[] { "person_id", "disease_code", "closed" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_street_code_category_state_reported_at",
                schema: "epidemic",
                table: "cases",
                columns: new[] { "street_code", "category", "state", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_disease_versions_disease_code_version",
                schema: "epidemic",
                table: "disease_versions",
                columns: new[] { "disease_code", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_feed_events",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "case_tests",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "case_transitions",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "cases",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "disease_versions",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "diseases",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "risk_grades",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "unit_case_counts",
                schema: "epidemic");
        }
    }
}
