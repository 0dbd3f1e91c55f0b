using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Supplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stock_balances",
                schema: "frontline",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    item = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_balances", x => new { x.unit_code, x.item, x.name });
                });

            migrationBuilder.CreateTable(
                name: "stock_entries",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transfer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    item = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    counterpart_unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supply_requests",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    priority_reasons = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    refusal_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supply_deliveries",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivered_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_supply_deliveries_supply_requests_request_id",
                        column: x => x.request_id,
                        principalSchema: "frontline",
                        principalTable: "supply_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supply_request_lines",
                schema: "frontline",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_no = table.Column<int>(type: "integer", nullable: false),
                    item = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    delivered = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_request_lines", x => new { x.request_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_supply_request_lines_supply_requests_request_id",
                        column: x => x.request_id,
                        principalSchema: "frontline",
                        principalTable: "supply_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "supply_delivery_lines",
                schema: "frontline",
                columns: table => new
                {
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_no = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_delivery_lines", x => new { x.delivery_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_supply_delivery_lines_supply_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalSchema: "frontline",
                        principalTable: "supply_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_transfer_id",
                schema: "frontline",
                table: "stock_entries",
                column: "transfer_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_unit_code_at",
                schema: "frontline",
                table: "stock_entries",
                columns: new[] { "unit_code", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_supply_deliveries_request_id",
                schema: "frontline",
                table: "supply_deliveries",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_community_code_is_open_priority_created_at",
                schema: "frontline",
                table: "supply_requests",
                columns: new[] { "community_code", "is_open", "priority", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_household_id",
                schema: "frontline",
                table: "supply_requests",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_is_open_street_code_community_code",
                schema: "frontline",
                table: "supply_requests",
                columns: new[] { "is_open", "street_code", "community_code" });

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_street_code_is_open_priority_created_at",
                schema: "frontline",
                table: "supply_requests",
                columns: new[] { "street_code", "is_open", "priority", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_balances",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "stock_entries",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "supply_delivery_lines",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "supply_request_lines",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "supply_deliveries",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "supply_requests",
                schema: "frontline");
        }
    }
}
