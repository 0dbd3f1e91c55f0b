using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Command : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_original_unit_code_status",
                table: "work_orders");

            migrationBuilder.AddColumn<long>(
                name: "original_due_at",
                table: "work_orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "directives",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    issuer_unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    issued_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    meeting_at = table.Column<long>(type: "INTEGER", nullable: true),
                    meeting_link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recipient_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directives", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    from_unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    to_unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_order_events_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "directive_recipients",
                columns: table => new
                {
                    directive_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    read_at = table.Column<long>(type: "INTEGER", nullable: true),
                    read_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directive_recipients", x => new { x.directive_id, x.unit_code });
                    table.ForeignKey(
                        name: "fk_directive_recipients_directives_directive_id",
                        column: x => x.directive_id,
                        principalTable: "directives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_original_unit_code_status_due_at",
                table: "work_orders",
                columns: new[] { "original_unit_code", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_directive_recipients_unit_code_issued_at",
                table: "directive_recipients",
                columns: new[] { "unit_code", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_directives_issuer_unit_code_issued_at",
                table: "directives",
                columns: new[] { "issuer_unit_code", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_events_work_order_id_at",
                table: "work_order_events",
                columns: new[] { "work_order_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "directive_recipients");

            migrationBuilder.DropTable(
                name: "work_order_events");

            migrationBuilder.DropTable(
                name: "directives");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_original_unit_code_status_due_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "original_due_at",
                table: "work_orders");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_original_unit_code_status",
                table: "work_orders",
                columns: new[] { "original_unit_code", "status" });
        }
    }
}
