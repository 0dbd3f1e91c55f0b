using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScanTokensCollationAndTimeBrin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_scans_scanned_at",
                schema: "healthcodes",
                table: "scans");

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                schema: "healthcodes",
                table: "subject_links",
                type: "character varying(43)",
                maxLength: 43,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(43)",
                oldMaxLength: 43);

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                schema: "healthcodes",
                table: "scans",
                type: "character varying(43)",
                maxLength: 43,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(43)",
                oldMaxLength: 43);

            migrationBuilder.CreateIndex(
                name: "ix_scans_scanned_at",
                schema: "healthcodes",
                table: "scans",
                column: "scanned_at")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_scans_scanned_at",
                schema: "healthcodes",
                table: "scans");

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                schema: "healthcodes",
                table: "subject_links",
                type: "character varying(43)",
                maxLength: 43,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(43)",
                oldMaxLength: 43,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                schema: "healthcodes",
                table: "scans",
                type: "character varying(43)",
                maxLength: 43,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(43)",
                oldMaxLength: 43,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "ix_scans_scanned_at",
                schema: "healthcodes",
                table: "scans",
                column: "scanned_at");
        }
    }
}
