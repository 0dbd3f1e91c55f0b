using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CommandSkeleton : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheduled_jobs",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    next_run_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_run_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    runs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_jobs", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "work_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    module = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    dedup_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    original_unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    title_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    subject_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    escalation_level = table.Column<int>(type: "INTEGER", nullable: false),
                    escalated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    assigned_to = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    result = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_orders", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_module_dedup_key",
                table: "work_orders",
                columns: new[] { "module", "dedup_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_original_unit_code_status",
                table: "work_orders",
                columns: new[] { "original_unit_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_status_due_at",
                table: "work_orders",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_unit_code_status_due_at",
                table: "work_orders",
                columns: new[] { "unit_code", "status", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduled_jobs");

            migrationBuilder.DropTable(
                name: "work_orders");
        }
    }
}
