using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HealthCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "healthcodes");

            migrationBuilder.CreateTable(
                name: "secrets",
                schema: "healthcodes",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    protected_value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_secrets", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "signing_keys",
                schema: "healthcodes",
                columns: table => new
                {
                    kid = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    x = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    y = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    protected_private_key = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    activated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signing_keys", x => x.kid);
                });

            migrationBuilder.CreateIndex(
                name: "ix_signing_keys_retired_at",
                schema: "healthcodes",
                table: "signing_keys",
                column: "retired_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "secrets",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "signing_keys",
                schema: "healthcodes");
        }
    }
}
