using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checkpoints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "returnees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    region_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    arrival_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    vehicle_plate = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_returnees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "screening_nonces",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    sender_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    nonce = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_nonces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "screening_senders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    public_key = table.Column<byte[]>(type: "BLOB", maxLength: 512, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_senders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sightings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    returnee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sender_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    device_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    checkpoint_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    seen_at = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sightings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "duty_shifts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    checkpoint_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_shifts", x => x.id);
                    table.ForeignKey(
                        name: "fk_duty_shifts_checkpoints_checkpoint_id",
                        column: x => x.checkpoint_id,
                        principalTable: "checkpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "passage_logs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    checkpoint_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    vehicle_plate = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    persons = table.Column<int>(type: "INTEGER", nullable: false),
                    temperature = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_passage_logs", x => x.id);
                    table.ForeignKey(
                        name: "fk_passage_logs_checkpoints_checkpoint_id",
                        column: x => x.checkpoint_id,
                        principalTable: "checkpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_staff",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shift_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_staff", x => x.id);
                    table.ForeignKey(
                        name: "fk_duty_staff_duty_shifts_shift_id",
                        column: x => x.shift_id,
                        principalTable: "duty_shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checkpoints_unit_code_name",
                table: "checkpoints",
                columns: new[] { "unit_code", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_checkpoint_id_starts_at",
                table: "duty_shifts",
                columns: new[] { "checkpoint_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_ends_at_starts_at_unit_code",
                table: "duty_shifts",
                columns: new[] { "ends_at", "starts_at", "unit_code" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_staff_shift_id",
                table: "duty_staff",
                column: "shift_id");

            migrationBuilder.CreateIndex(
                name: "ix_passage_logs_checkpoint_id_at",
                table: "passage_logs",
                columns: new[] { "checkpoint_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_returnees_community_code_arrival_date",
                table: "returnees",
                columns: new[] { "community_code", "arrival_date" });

            migrationBuilder.CreateIndex(
                name: "ix_returnees_person_id_arrival_date",
                table: "returnees",
                columns: new[] { "person_id", "arrival_date" });

            migrationBuilder.CreateIndex(
                name: "ix_returnees_street_code_arrival_date",
                table: "returnees",
                columns: new[] { "street_code", "arrival_date" });

            migrationBuilder.CreateIndex(
                name: "ix_returnees_vehicle_plate_arrival_date",
                table: "returnees",
                columns: new[] { "vehicle_plate", "arrival_date" });

            migrationBuilder.CreateIndex(
                name: "ix_screening_nonces_expires_at",
                table: "screening_nonces",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_screening_nonces_sender_id_nonce",
                table: "screening_nonces",
                columns: new[] { "sender_id", "nonce" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_screening_senders_code",
                table: "screening_senders",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sightings_community_code_seen_at",
                table: "sightings",
                columns: new[] { "community_code", "seen_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sightings_seen_at",
                table: "sightings",
                column: "seen_at");

            migrationBuilder.CreateIndex(
                name: "ix_sightings_sender_id_event_id_person_id",
                table: "sightings",
                columns: new[] { "sender_id", "event_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sightings_street_code_seen_at",
                table: "sightings",
                columns: new[] { "street_code", "seen_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_staff");

            migrationBuilder.DropTable(
                name: "passage_logs");

            migrationBuilder.DropTable(
                name: "returnees");

            migrationBuilder.DropTable(
                name: "screening_nonces");

            migrationBuilder.DropTable(
                name: "screening_senders");

            migrationBuilder.DropTable(
                name: "sightings");

            migrationBuilder.DropTable(
                name: "duty_shifts");

            migrationBuilder.DropTable(
                name: "checkpoints");
        }
    }
}
