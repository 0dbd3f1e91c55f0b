using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScansByDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_scans",
                table: "scans");

            migrationBuilder.AddPrimaryKey(
                name: "pk_scans",
                table: "scans",
                columns: new[] { "id", "scanned_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_scans",
                table: "scans");

            migrationBuilder.AddPrimaryKey(
                name: "pk_scans",
                table: "scans",
                column: "id");
        }
    }
}
