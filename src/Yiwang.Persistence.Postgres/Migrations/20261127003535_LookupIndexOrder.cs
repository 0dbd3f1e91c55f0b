using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LookupIndexOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_source_records_source_system_id_external_id",
                schema: "people",
                table: "source_records");

            migrationBuilder.DropIndex(
                name: "ix_households_source_system_id_external_key",
                schema: "people",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "ix_source_records_external_id_source_system_id",
                schema: "people",
                table: "source_records",
                columns: new[] { "external_id", "source_system_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_records_source_system_id",
                schema: "people",
                table: "source_records",
                column: "source_system_id");

            migrationBuilder.CreateIndex(
                name: "ix_households_external_key_source_system_id",
                schema: "people",
                table: "households",
                columns: new[] { "external_key", "source_system_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_source_records_external_id_source_system_id",
                schema: "people",
                table: "source_records");

            migrationBuilder.DropIndex(
                name: "ix_source_records_source_system_id",
                schema: "people",
                table: "source_records");

            migrationBuilder.DropIndex(
                name: "ix_households_external_key_source_system_id",
                schema: "people",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "ix_source_records_source_system_id_external_id",
                schema: "people",
                table: "source_records",
                columns: new[] { "source_system_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_households_source_system_id_external_key",
                schema: "people",
                table: "households",
                columns: new[] { "source_system_id", "external_key" },
                unique: true);
        }
    }
}
