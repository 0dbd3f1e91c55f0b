using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Isolation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "health_checks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    temperature = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: false),
                    cough = table.Column<bool>(type: "INTEGER", nullable: false),
                    fever = table.Column<bool>(type: "INTEGER", nullable: false),
                    fatigue = table.Column<bool>(type: "INTEGER", nullable: false),
                    sore_throat = table.Column<bool>(type: "INTEGER", nullable: false),
                    loss_of_taste_or_smell = table.Column<bool>(type: "INTEGER", nullable: false),
                    other_symptoms = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    abnormal = table.Column<bool>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_health_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "isolation_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    site_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    next_assignment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isolation_assignments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "isolation_sites",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    occupied = table.Column<int>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isolation_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "missed_checks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    responsible_unit = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    detected_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_missed_checks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_health_checks_case_id_date",
                table: "health_checks",
                columns: new[] { "case_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_health_checks_community_code_date",
                table: "health_checks",
                columns: new[] { "community_code", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_active_person",
                table: "isolation_assignments",
                column: "person_id",
                unique: true,
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_case_id_started_at",
                table: "isolation_assignments",
                columns: new[] { "case_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_site_id_ended_at",
                table: "isolation_assignments",
                columns: new[] { "site_id", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_sites_unit_code_active",
                table: "isolation_sites",
                columns: new[] { "unit_code", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_missed_checks_case_id_date",
                table: "missed_checks",
                columns: new[] { "case_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_missed_checks_date_community_code",
                table: "missed_checks",
                columns: new[] { "date", "community_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "health_checks");

            migrationBuilder.DropTable(
                name: "isolation_assignments");

            migrationBuilder.DropTable(
                name: "isolation_sites");

            migrationBuilder.DropTable(
                name: "missed_checks");
        }
    }
}
