using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "frontline");

            migrationBuilder.CreateTable(
                name: "checkpoints",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "returnees",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    region_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    arrival_date = table.Column<DateOnly>(type: "date", nullable: false),
                    vehicle_plate = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_returnees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "screening_nonces",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_nonces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "screening_senders",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    public_key = table.Column<byte[]>(type: "bytea", maxLength: 512, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_senders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sightings",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    returnee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    device_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    location = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    checkpoint_id = table.Column<Guid>(type: "uuid", nullable: true),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sightings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "duty_shifts",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    checkpoint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_shifts", x => x.id);
                    table.ForeignKey(
                        name: "fk_duty_shifts_checkpoints_checkpoint_id",
                        column: x => x.checkpoint_id,
                        principalSchema: "frontline",
                        principalTable: "checkpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "passage_logs",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    checkpoint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    direction = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    vehicle_plate = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    temperature = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_passage_logs", x => x.id);
                    table.ForeignKey(
                        name: "fk_passage_logs_checkpoints_checkpoint_id",
                        column: x => x.checkpoint_id,
                        principalSchema: "frontline",
                        principalTable: "checkpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_staff",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    shift_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_staff", x => x.id);
                    table.ForeignKey(
                        name: "fk_duty_staff_duty_shifts_shift_id",
                        column: x => x.shift_id,
                        principalSchema: "frontline",
                        principalTable: "duty_shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checkpoints_unit_code_name",
                schema: "frontline",
                table: "checkpoints",
                columns: new[] { "unit_code", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_checkpoint_id_starts_at",
                schema: "frontline",
                table: "duty_shifts",
                columns: new[] { "checkpoint_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_ends_at_starts_at_unit_code",
                schema: "frontline",
                table: "duty_shifts",
                columns: new[] { "ends_at", "starts_at", "unit_code" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_staff_shift_id",
                schema: "frontline",
                table: "duty_staff",
                column: "shift_id");

            migrationBuilder.CreateIndex(
                name: "ix_passage_logs_checkpoint_id_at",
                schema: "frontline",
                table: "passage_logs",
                columns: new[] { "checkpoint_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_returnees_community_code_arrival_date",
                schema: "frontline",
                table: "returnees",
                columns: new[] { "community_code", "arrival_date" });

            migrationBuilder.CreateIndex(
                name: "ix_returnees_person_id_arrival_date",
                schema: "frontline",
                table: "returnees",
                columns: new[] { "person_id", "arrival_date" });

            migrationBuilder.CreateIndex(
                name: "ix_returnees_street_code_arrival_date",
                schema: "frontline",
                table: "returnees",
                columns: new[] { "street_code", "arrival_date" });

            migrationBuilder.CreateIndex(
                name: "ix_returnees_vehicle_plate_arrival_date",
                schema: "frontline",
                table: "returnees",
                columns: new[] { "vehicle_plate", "arrival_date" });

            migrationBuilder.CreateIndex(
                name: "ix_screening_nonces_expires_at",
                schema: "frontline",
                table: "screening_nonces",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_screening_nonces_sender_id_nonce",
                schema: "frontline",
                table: "screening_nonces",
                columns: new[] { "sender_id", "nonce" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_screening_senders_code",
                schema: "frontline",
                table: "screening_senders",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sightings_community_code_seen_at",
                schema: "frontline",
                table: "sightings",
                columns: new[] { "community_code", "seen_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sightings_seen_at",
                schema: "frontline",
                table: "sightings",
                column: "seen_at");

            migrationBuilder.CreateIndex(
                name: "ix_sightings_sender_id_event_id_person_id",
                schema: "frontline",
                table: "sightings",
                columns: new[] { "sender_id", "event_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sightings_street_code_seen_at",
                schema: "frontline",
                table: "sightings",
                columns: new[] { "street_code", "seen_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_staff",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "passage_logs",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "returnees",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "screening_nonces",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "screening_senders",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "sightings",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "duty_shifts",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "checkpoints",
                schema: "frontline");
        }
    }
}
