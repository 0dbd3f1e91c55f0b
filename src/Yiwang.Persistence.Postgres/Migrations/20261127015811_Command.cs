using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Command : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_original_unit_code_status",
                schema: "command",
                table: "work_orders");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "original_due_at",
                schema: "command",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "directives",
                schema: "command",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    issuer_unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    issued_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    meeting_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    meeting_link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recipient_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directives", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_events",
                schema: "command",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    from_unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    to_unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_order_events_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalSchema: "command",
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "directive_recipients",
                schema: "command",
                columns: table => new
                {
                    directive_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    read_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directive_recipients", x => new { x.directive_id, x.unit_code });
                    table.ForeignKey(
                        name: "fk_directive_recipients_directives_directive_id",
                        column: x => x.directive_id,
                        principalSchema: "command",
                        principalTable: "directives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_original_unit_code_status_due_at",
                schema: "command",
                table: "work_orders",
                columns: new[] { "original_unit_code", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_directive_recipients_unit_code_issued_at",
                schema: "command",
                table: "directive_recipients",
                columns: new[] { "unit_code", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_directives_issuer_unit_code_issued_at",
                schema: "command",
                table: "directives",
                columns: new[] { "issuer_unit_code", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_events_work_order_id_at",
                schema: "command",
                table: "work_order_events",
                columns: new[] { "work_order_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "directive_recipients",
                schema: "command");

            migrationBuilder.DropTable(
                name: "work_order_events",
                schema: "command");

            migrationBuilder.DropTable(
                name: "directives",
                schema: "command");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_original_unit_code_status_due_at",
                schema: "command",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "original_due_at",
                schema: "command",
                table: "work_orders");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_original_unit_code_status",
                schema: "command",
                table: "work_orders",
                columns: new[] { "original_unit_code", "status" });
        }
    }
}
