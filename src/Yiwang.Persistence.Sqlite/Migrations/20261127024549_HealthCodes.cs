using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HealthCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "secrets",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    protected_value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_secrets", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "signing_keys",
                columns: table => new
                {
                    kid = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    x = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    y = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    protected_private_key = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    activated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    retired_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signing_keys", x => x.kid);
                });

            migrationBuilder.CreateIndex(
                name: "ix_signing_keys_retired_at",
                table: "signing_keys",
                column: "retired_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "secrets");

            migrationBuilder.DropTable(
                name: "signing_keys");
        }
    }
}
