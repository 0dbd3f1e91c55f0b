using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CitizenAppeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appeals",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    filed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    colour = table.Column<short>(type: "smallint", nullable: false),
                    reasons_json = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    answered_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appeals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_community_code_status_filed_at",
                schema: "healthcodes",
                table: "appeals",
                columns: new[] { "community_code", "status", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_person_id_filed_at",
                schema: "healthcodes",
                table: "appeals",
                columns: new[] { "person_id", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_status_filed_at",
                schema: "healthcodes",
                table: "appeals",
                columns: new[] { "status", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_street_code_status_filed_at",
                schema: "healthcodes",
                table: "appeals",
                columns: new[] { "street_code", "status", "filed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appeals",
                schema: "healthcodes");
        }
    }
}
