using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Isolation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "health_checks",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    temperature = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    cough = table.Column<bool>(type: "boolean", nullable: false),
                    fever = table.Column<bool>(type: "boolean", nullable: false),
                    fatigue = table.Column<bool>(type: "boolean", nullable: false),
                    sore_throat = table.Column<bool>(type: "boolean", nullable: false),
                    loss_of_taste_or_smell = table.Column<bool>(type: "boolean", nullable: false),
                    other_symptoms = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    abnormal = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_health_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "isolation_assignments",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    end_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    next_assignment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isolation_assignments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "isolation_sites",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    occupied = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isolation_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "missed_checks",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    responsible_unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_missed_checks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_health_checks_case_id_date",
                schema: "epidemic",
                table: "health_checks",
                columns: new[] { "case_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_health_checks_community_code_date",
                schema: "epidemic",
                table: "health_checks",
                columns: new[] { "community_code", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_active_person",
                schema: "epidemic",
                table: "isolation_assignments",
                column: "person_id",
                unique: true,
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_case_id_started_at",
                schema: "epidemic",
                table: "isolation_assignments",
                columns: new[] { "case_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_site_id_ended_at",
                schema: "epidemic",
                table: "isolation_assignments",
                columns: new[] { "site_id", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_sites_unit_code_active",
                schema: "epidemic",
                table: "isolation_sites",
                columns: new[] { "unit_code", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_missed_checks_case_id_date",
                schema: "epidemic",
                table: "missed_checks",
                columns: new[] { "case_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_missed_checks_date_community_code",
                schema: "epidemic",
                table: "missed_checks",
                columns: new[] { "date", "community_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "health_checks",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "isolation_assignments",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "isolation_sites",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "missed_checks",
                schema: "epidemic");
        }
    }
}
