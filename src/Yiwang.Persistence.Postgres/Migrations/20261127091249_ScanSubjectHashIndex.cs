using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <summary>The scans' subject index becomes a hash index on the token alone (ADR 0014); SQLite keeps its b-tree.</summary>
    public partial class ScanSubjectHashIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_scans_subject_scanned_at",
                schema: "healthcodes",
                table: "scans");

            migrationBuilder.CreateIndex(
                name: "ix_scans_subject",
                schema: "healthcodes",
                table: "scans",
                column: "subject")
                .Annotation("Npgsql:IndexMethod", "hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_scans_subject",
                schema: "healthcodes",
                table: "scans");

            migrationBuilder.CreateIndex(
                name: "ix_scans_subject_scanned_at",
                schema: "healthcodes",
                table: "scans",
                columns: new[] { "subject", "scanned_at" });
        }
    }
}
