using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CitizenAppeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appeals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    filed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    filed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    colour = table.Column<short>(type: "INTEGER", nullable: false),
                    reasons_json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    status = table.Column<short>(type: "INTEGER", nullable: false),
                    answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    answered_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    answered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appeals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_community_code_status_filed_at",
                table: "appeals",
                columns: new[] { "community_code", "status", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_person_id_filed_at",
                table: "appeals",
                columns: new[] { "person_id", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_status_filed_at",
                table: "appeals",
                columns: new[] { "status", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_street_code_status_filed_at",
                table: "appeals",
                columns: new[] { "street_code", "status", "filed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appeals");
        }
    }
}
