using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "kernel");

            migrationBuilder.EnsureSchema(
                name: "healthcodes");

            migrationBuilder.EnsureSchema(
                name: "epidemic");

            migrationBuilder.EnsureSchema(
                name: "frontline");

            migrationBuilder.EnsureSchema(
                name: "command");

            migrationBuilder.EnsureSchema(
                name: "people");

            migrationBuilder.CreateTable(
                name: "accounts",
                schema: "kernel",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    display_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_clients",
                schema: "kernel",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    key_prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_clients", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "kernel",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    details = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    prev_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "case_feed_events",
                schema: "epidemic",
                columns: table => new
                {
                    source_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    flag = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_feed_events", x => new { x.source_record_id, x.flag });
                });

            migrationBuilder.CreateTable(
                name: "case_tests",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sampled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_tests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_transitions",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    to_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_transitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    disease_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    phase_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed = table.Column<bool>(type: "boolean", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    responsible_unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    origin = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                });

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
                name: "citizen_links",
                schema: "healthcodes",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citizen_links", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "colour_changes",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<short>(type: "smallint", nullable: false),
                    to = table.Column<short>(type: "smallint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    rule_set_version = table.Column<int>(type: "integer", nullable: false),
                    override_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reasons_json = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_facts",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state_label = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_event_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_facts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_overrides",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    colour = table.Column<short>(type: "smallint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    days = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_overrides", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_rule_sets",
                schema: "healthcodes",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    json = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reevaluation_total = table.Column<int>(type: "integer", nullable: false),
                    reevaluation_done = table.Column<int>(type: "integer", nullable: false),
                    reevaluation_cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    reevaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_rule_sets", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                schema: "kernel",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "declarations",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fever = table.Column<bool>(type: "boolean", nullable: false),
                    symptoms = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    travel_region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    travel_region_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    travel_from = table.Column<DateOnly>(type: "date", nullable: true),
                    travel_to = table.Column<DateOnly>(type: "date", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_declarations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "directives",
                schema: "command",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    issuer_unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    issued_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    meeting_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    meeting_link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recipient_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directives", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disease_versions",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disease_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disease_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "diseases",
                schema: "epidemic",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name_en = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_diseases", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "duplicate_candidates",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    source_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    candidate_person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    merge_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_candidates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "health_checks",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    temperature = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    cough = table.Column<bool>(type: "boolean", nullable: false),
                    fever = table.Column<bool>(type: "boolean", nullable: false),
                    fatigue = table.Column<bool>(type: "boolean", nullable: false),
                    sore_throat = table.Column<bool>(type: "boolean", nullable: false),
                    loss_of_taste_or_smell = table.Column<bool>(type: "boolean", nullable: false),
                    other_symptoms = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    abnormal = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_health_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "households",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source_system_id = table.Column<Guid>(type: "uuid", nullable: true),
                    external_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_households", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rows = table.Column<long>(type: "bigint", nullable: false),
                    created = table.Column<long>(type: "bigint", nullable: false),
                    updated = table.Column<long>(type: "bigint", nullable: false),
                    unchanged = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false),
                    needs_review = table.Column<long>(type: "bigint", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_rejections",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<long>(type: "bigint", nullable: false),
                    field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    zh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_rejections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "isolation_assignments",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    site_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    end_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    next_assignment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isolation_assignments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "isolation_sites",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    occupied = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isolation_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jurisdictions",
                schema: "kernel",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    level = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    alternate_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    centroid_lon = table.Column<double>(type: "double precision", nullable: false),
                    centroid_lat = table.Column<double>(type: "double precision", nullable: false),
                    area_geo_json = table.Column<string>(type: "text", nullable: false),
                    area_is_approximate = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jurisdictions", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "missed_checks",
                schema: "epidemic",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    responsible_unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_missed_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "kernel",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    topic = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    locked_by = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_colours",
                schema: "healthcodes",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    colour = table.Column<short>(type: "smallint", nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_review_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reasons_json = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    rule_set_version = table.Column<int>(type: "integer", nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_colours", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "person_flags",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    source_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    since = table.Column<DateOnly>(type: "date", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_flags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_id = table.Column<Guid>(type: "uuid", nullable: false),
                    moved_record_ids = table.Column<string>(type: "text", nullable: false),
                    moved_flag_ids = table.Column<string>(type: "text", nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    merged_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    undone_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_merges", x => x.id);
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
                name: "risk_grades",
                schema: "epidemic",
                columns: table => new
                {
                    disease_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    level = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    rule_version = table.Column<int>(type: "integer", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_grades", x => new { x.disease_code, x.date, x.unit_code });
                });

            migrationBuilder.CreateTable(
                name: "scans",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(43)", maxLength: 43, nullable: false, collation: "C"),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    colour = table.Column<short>(type: "smallint", nullable: false),
                    kid = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    mode = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scans", x => new { x.id, x.scanned_at });
                });

            migrationBuilder.CreateTable(
                name: "scheduled_jobs",
                schema: "kernel",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    next_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    runs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_jobs", x => x.name);
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

            migrationBuilder.CreateTable(
                name: "source_record_versions",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replaced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_record_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "source_systems",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    record_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    api_client_id = table.Column<Guid>(type: "uuid", nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_systems", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_balances",
                schema: "frontline",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    item = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_balances", x => new { x.unit_code, x.item, x.name });
                });

            migrationBuilder.CreateTable(
                name: "stock_entries",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transfer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    item = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    counterpart_unit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subject_links",
                schema: "healthcodes",
                columns: table => new
                {
                    subject = table.Column<string>(type: "character varying(43)", maxLength: 43, nullable: false, collation: "C"),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subject_links", x => x.subject);
                });

            migrationBuilder.CreateTable(
                name: "supply_requests",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    priority_reasons = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    refusal_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracing_contacts",
                schema: "healthcodes",
                columns: table => new
                {
                    tracing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    encounters = table.Column<int>(type: "integer", nullable: false),
                    venues = table.Column<int>(type: "integer", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    max_overlap_seconds = table.Column<int>(type: "integer", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    confirmed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    confirm_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracing_contacts", x => new { x.tracing_id, x.person_id });
                });

            migrationBuilder.CreateTable(
                name: "tracing_encounters",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tracing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    index_scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    contact_scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    overlap_seconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracing_encounters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracings",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    index_person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    index_community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    index_street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    window_minutes = table.Column<int>(type: "integer", nullable: false),
                    days = table.Column<int>(type: "integer", nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    has_code = table.Column<bool>(type: "boolean", nullable: false),
                    visits = table.Column<int>(type: "integer", nullable: false),
                    venues = table.Column<int>(type: "integer", nullable: false),
                    contacts = table.Column<int>(type: "integer", nullable: false),
                    encounters = table.Column<int>(type: "integer", nullable: false),
                    unlinked_subjects = table.Column<int>(type: "integer", nullable: false),
                    confirmed_contacts = table.Column<int>(type: "integer", nullable: false),
                    search_milliseconds = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "unit_case_counts",
                schema: "epidemic",
                columns: table => new
                {
                    disease_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_case_counts", x => new { x.disease_code, x.community_code, x.state });
                });

            migrationBuilder.CreateTable(
                name: "venues",
                schema: "healthcodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key_hint = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    key_issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_orders",
                schema: "command",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    module = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    dedup_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    original_unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    title_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    subject_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    subject_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    original_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    escalation_level = table.Column<int>(type: "integer", nullable: false),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    assigned_to = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    result = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "account_claims",
                schema: "kernel",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_claims_accounts_user_id",
                        column: x => x.user_id,
                        principalSchema: "kernel",
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_logins",
                schema: "kernel",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_account_logins_accounts_user_id",
                        column: x => x.user_id,
                        principalSchema: "kernel",
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_tokens",
                schema: "kernel",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_account_tokens_accounts_user_id",
                        column: x => x.user_id,
                        principalSchema: "kernel",
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "directive_recipients",
                schema: "command",
                columns: table => new
                {
                    directive_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    read_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directive_recipients", x => new { x.directive_id, x.unit_code });
                    table.ForeignKey(
                        name: "fk_directive_recipients_directives_directive_id",
                        column: x => x.directive_id,
                        principalSchema: "command",
                        principalTable: "directives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "persons",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    id_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    id_suffix = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sex = table.Column<short>(type: "smallint", nullable: true),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    relation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_persons", x => x.id);
                    table.ForeignKey(
                        name: "fk_persons_households_household_id",
                        column: x => x.household_id,
                        principalSchema: "people",
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "source_records",
                schema: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    external_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    record_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    content_hash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    last_batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_source_records_source_systems_source_system_id",
                        column: x => x.source_system_id,
                        principalSchema: "people",
                        principalTable: "source_systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supply_deliveries",
                schema: "frontline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivered_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_supply_deliveries_supply_requests_request_id",
                        column: x => x.request_id,
                        principalSchema: "frontline",
                        principalTable: "supply_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supply_request_lines",
                schema: "frontline",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_no = table.Column<int>(type: "integer", nullable: false),
                    item = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    delivered = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_request_lines", x => new { x.request_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_supply_request_lines_supply_requests_request_id",
                        column: x => x.request_id,
                        principalSchema: "frontline",
                        principalTable: "supply_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_order_events",
                schema: "command",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    from_unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    to_unit_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_order_events_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalSchema: "command",
                        principalTable: "work_orders",
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

            migrationBuilder.CreateTable(
                name: "supply_delivery_lines",
                schema: "frontline",
                columns: table => new
                {
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_no = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_delivery_lines", x => new { x.delivery_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_supply_delivery_lines_supply_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalSchema: "frontline",
                        principalTable: "supply_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_claims_user_id",
                schema: "kernel",
                table: "account_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_logins_user_id",
                schema: "kernel",
                table: "account_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                schema: "kernel",
                table: "accounts",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                schema: "kernel",
                table: "accounts",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_key_prefix",
                schema: "kernel",
                table: "api_clients",
                column: "key_prefix",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                schema: "kernel",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_case_tests_case_id_sampled_at",
                schema: "epidemic",
                table: "case_tests",
                columns: new[] { "case_id", "sampled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_case_id_id",
                schema: "epidemic",
                table: "case_transitions",
                columns: new[] { "case_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_to_state_at",
                schema: "epidemic",
                table: "case_transitions",
                columns: new[] { "to_state", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_community_code_category_state_reported_at",
                schema: "epidemic",
                table: "cases",
                columns: new[] { "community_code", "category", "state", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_disease_code_state_phase_since",
                schema: "epidemic",
                table: "cases",
                columns: new[] { "disease_code", "state", "phase_since" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_person_id_disease_code_closed",
                schema: "epidemic",
                table: "cases",
                columns: new[] { "person_id", "disease_code", "closed" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_street_code_category_state_reported_at",
                schema: "epidemic",
                table: "cases",
                columns: new[] { "street_code", "category", "state", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_checkpoints_unit_code_name",
                schema: "frontline",
                table: "checkpoints",
                columns: new[] { "unit_code", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_citizen_links_person_id",
                schema: "healthcodes",
                table: "citizen_links",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_colour_changes_person_id_at",
                schema: "healthcodes",
                table: "colour_changes",
                columns: new[] { "person_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_facts_person_id",
                schema: "healthcodes",
                table: "colour_facts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_colour_facts_source_id_kind",
                schema: "healthcodes",
                table: "colour_facts",
                columns: new[] { "source_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_overrides_person_id_status",
                schema: "healthcodes",
                table: "colour_overrides",
                columns: new[] { "person_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_overrides_status_requested_at",
                schema: "healthcodes",
                table: "colour_overrides",
                columns: new[] { "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_declarations_person_id_declared_at",
                schema: "healthcodes",
                table: "declarations",
                columns: new[] { "person_id", "declared_at" });

            migrationBuilder.CreateIndex(
                name: "ix_directive_recipients_unit_code_issued_at",
                schema: "command",
                table: "directive_recipients",
                columns: new[] { "unit_code", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_directives_issuer_unit_code_issued_at",
                schema: "command",
                table: "directives",
                columns: new[] { "issuer_unit_code", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_disease_versions_disease_code_version",
                schema: "epidemic",
                table: "disease_versions",
                columns: new[] { "disease_code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_source_record_id",
                schema: "people",
                table: "duplicate_candidates",
                column: "source_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_status_street_code_community_code",
                schema: "people",
                table: "duplicate_candidates",
                columns: new[] { "status", "street_code", "community_code" });

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
                name: "ix_health_checks_case_id_date",
                schema: "epidemic",
                table: "health_checks",
                columns: new[] { "case_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_health_checks_community_code_date",
                schema: "epidemic",
                table: "health_checks",
                columns: new[] { "community_code", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_households_community_code",
                schema: "people",
                table: "households",
                column: "community_code");

            migrationBuilder.CreateIndex(
                name: "ix_households_external_key_source_system_id",
                schema: "people",
                table: "households",
                columns: new[] { "external_key", "source_system_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_source_system_id_started_at",
                schema: "people",
                table: "import_batches",
                columns: new[] { "source_system_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_rejections_batch_id_row_number",
                schema: "people",
                table: "import_rejections",
                columns: new[] { "batch_id", "row_number" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_active_person",
                schema: "epidemic",
                table: "isolation_assignments",
                column: "person_id",
                unique: true,
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_case_id_started_at",
                schema: "epidemic",
                table: "isolation_assignments",
                columns: new[] { "case_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_site_id_ended_at",
                schema: "epidemic",
                table: "isolation_assignments",
                columns: new[] { "site_id", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_sites_unit_code_active",
                schema: "epidemic",
                table: "isolation_sites",
                columns: new[] { "unit_code", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_jurisdictions_parent_code",
                schema: "kernel",
                table: "jurisdictions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_missed_checks_case_id_date",
                schema: "epidemic",
                table: "missed_checks",
                columns: new[] { "case_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_missed_checks_date_community_code",
                schema: "epidemic",
                table: "missed_checks",
                columns: new[] { "date", "community_code" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_id",
                schema: "kernel",
                table: "outbox_messages",
                columns: new[] { "processed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_passage_logs_checkpoint_id_at",
                schema: "frontline",
                table: "passage_logs",
                columns: new[] { "checkpoint_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_community_code_colour",
                schema: "healthcodes",
                table: "person_colours",
                columns: new[] { "community_code", "colour" });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_next_review_at",
                schema: "healthcodes",
                table: "person_colours",
                column: "next_review_at");

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_rule_set_version",
                schema: "healthcodes",
                table: "person_colours",
                column: "rule_set_version");

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_street_code_colour",
                schema: "healthcodes",
                table: "person_colours",
                columns: new[] { "street_code", "colour" });

            migrationBuilder.CreateIndex(
                name: "ix_person_flags_person_id_active",
                schema: "people",
                table: "person_flags",
                columns: new[] { "person_id", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_person_flags_source_record_id_kind",
                schema: "people",
                table: "person_flags",
                columns: new[] { "source_record_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_merged_id",
                schema: "people",
                table: "person_merges",
                column: "merged_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_survivor_id",
                schema: "people",
                table: "person_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_persons_community_code_name",
                schema: "people",
                table: "persons",
                columns: new[] { "community_code", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_persons_household_id",
                schema: "people",
                table: "persons",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_persons_id_number",
                schema: "people",
                table: "persons",
                column: "id_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_persons_id_suffix",
                schema: "people",
                table: "persons",
                column: "id_suffix");

            migrationBuilder.CreateIndex(
                name: "ix_persons_name",
                schema: "people",
                table: "persons",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_persons_phone",
                schema: "people",
                table: "persons",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_persons_street_code_name",
                schema: "people",
                table: "persons",
                columns: new[] { "street_code", "name" });

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
                name: "ix_scans_scanned_at",
                schema: "healthcodes",
                table: "scans",
                column: "scanned_at")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_scans_subject",
                schema: "healthcodes",
                table: "scans",
                column: "subject")
                .Annotation("Npgsql:IndexMethod", "hash");

            migrationBuilder.CreateIndex(
                name: "ix_scans_venue_id_scanned_at",
                schema: "healthcodes",
                table: "scans",
                columns: new[] { "venue_id", "scanned_at" });

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

            migrationBuilder.CreateIndex(
                name: "ix_signing_keys_retired_at",
                schema: "healthcodes",
                table: "signing_keys",
                column: "retired_at");

            migrationBuilder.CreateIndex(
                name: "ix_source_record_versions_source_record_id_version",
                schema: "people",
                table: "source_record_versions",
                columns: new[] { "source_record_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_records_external_id_source_system_id",
                schema: "people",
                table: "source_records",
                columns: new[] { "external_id", "source_system_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_records_person_id",
                schema: "people",
                table: "source_records",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_records_source_system_id",
                schema: "people",
                table: "source_records",
                column: "source_system_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_systems_api_client_id",
                schema: "people",
                table: "source_systems",
                column: "api_client_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_systems_code",
                schema: "people",
                table: "source_systems",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_transfer_id",
                schema: "frontline",
                table: "stock_entries",
                column: "transfer_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_unit_code_at",
                schema: "frontline",
                table: "stock_entries",
                columns: new[] { "unit_code", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_subject_links_person_id",
                schema: "healthcodes",
                table: "subject_links",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supply_deliveries_request_id",
                schema: "frontline",
                table: "supply_deliveries",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_community_code_is_open_priority_created_at",
                schema: "frontline",
                table: "supply_requests",
                columns: new[] { "community_code", "is_open", "priority", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_household_id",
                schema: "frontline",
                table: "supply_requests",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_is_open_street_code_community_code",
                schema: "frontline",
                table: "supply_requests",
                columns: new[] { "is_open", "street_code", "community_code" });

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_street_code_is_open_priority_created_at",
                schema: "frontline",
                table: "supply_requests",
                columns: new[] { "street_code", "is_open", "priority", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracing_contacts_person_id",
                schema: "healthcodes",
                table: "tracing_contacts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_tracing_encounters_tracing_id_person_id",
                schema: "healthcodes",
                table: "tracing_encounters",
                columns: new[] { "tracing_id", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_case_id",
                schema: "healthcodes",
                table: "tracings",
                column: "case_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tracings_created_at",
                schema: "healthcodes",
                table: "tracings",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_community_code_created_at",
                schema: "healthcodes",
                table: "tracings",
                columns: new[] { "index_community_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_person_id_created_at",
                schema: "healthcodes",
                table: "tracings",
                columns: new[] { "index_person_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_street_code_created_at",
                schema: "healthcodes",
                table: "tracings",
                columns: new[] { "index_street_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_venues_code",
                schema: "healthcodes",
                table: "venues",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_community_code",
                schema: "healthcodes",
                table: "venues",
                column: "community_code");

            migrationBuilder.CreateIndex(
                name: "ix_venues_key_hash",
                schema: "healthcodes",
                table: "venues",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_street_code",
                schema: "healthcodes",
                table: "venues",
                column: "street_code");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_events_work_order_id_at",
                schema: "command",
                table: "work_order_events",
                columns: new[] { "work_order_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_module_dedup_key",
                schema: "command",
                table: "work_orders",
                columns: new[] { "module", "dedup_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_original_unit_code_status_due_at",
                schema: "command",
                table: "work_orders",
                columns: new[] { "original_unit_code", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_status_due_at",
                schema: "command",
                table: "work_orders",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_unit_code_status_due_at",
                schema: "command",
                table: "work_orders",
                columns: new[] { "unit_code", "status", "due_at" });

            HandWritten.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            HandWritten.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "account_claims",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "account_logins",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "account_tokens",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "api_clients",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "appeals",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "case_feed_events",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "case_tests",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "case_transitions",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "cases",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "citizen_links",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "colour_changes",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "colour_facts",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "colour_overrides",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "colour_rule_sets",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "data_protection_keys",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "declarations",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "directive_recipients",
                schema: "command");

            migrationBuilder.DropTable(
                name: "disease_versions",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "diseases",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "duplicate_candidates",
                schema: "people");

            migrationBuilder.DropTable(
                name: "duty_staff",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "health_checks",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "import_batches",
                schema: "people");

            migrationBuilder.DropTable(
                name: "import_rejections",
                schema: "people");

            migrationBuilder.DropTable(
                name: "isolation_assignments",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "isolation_sites",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "jurisdictions",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "missed_checks",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "passage_logs",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "person_colours",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "person_flags",
                schema: "people");

            migrationBuilder.DropTable(
                name: "person_merges",
                schema: "people");

            migrationBuilder.DropTable(
                name: "persons",
                schema: "people");

            migrationBuilder.DropTable(
                name: "returnees",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "risk_grades",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "scans",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "scheduled_jobs",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "screening_nonces",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "screening_senders",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "secrets",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "sightings",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "signing_keys",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "source_record_versions",
                schema: "people");

            migrationBuilder.DropTable(
                name: "source_records",
                schema: "people");

            migrationBuilder.DropTable(
                name: "stock_balances",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "stock_entries",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "subject_links",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "supply_delivery_lines",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "supply_request_lines",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "tracing_contacts",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "tracing_encounters",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "tracings",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "unit_case_counts",
                schema: "epidemic");

            migrationBuilder.DropTable(
                name: "venues",
                schema: "healthcodes");

            migrationBuilder.DropTable(
                name: "work_order_events",
                schema: "command");

            migrationBuilder.DropTable(
                name: "accounts",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "directives",
                schema: "command");

            migrationBuilder.DropTable(
                name: "duty_shifts",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "households",
                schema: "people");

            migrationBuilder.DropTable(
                name: "source_systems",
                schema: "people");

            migrationBuilder.DropTable(
                name: "supply_deliveries",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "work_orders",
                schema: "command");

            migrationBuilder.DropTable(
                name: "checkpoints",
                schema: "frontline");

            migrationBuilder.DropTable(
                name: "supply_requests",
                schema: "frontline");
        }
    }
}
