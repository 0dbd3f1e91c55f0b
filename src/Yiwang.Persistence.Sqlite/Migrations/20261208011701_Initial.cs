using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<long>(type: "INTEGER", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_clients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    key_prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_clients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appeals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    filed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    filed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    colour = table.Column<short>(type: "INTEGER", nullable: false),
                    reasons_json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    status = table.Column<short>(type: "INTEGER", nullable: false),
                    answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    answered_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    answered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appeals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    prev_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "case_feed_events",
                columns: table => new
                {
                    source_record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    flag = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_feed_events", x => new { x.source_record_id, x.flag });
                });

            migrationBuilder.CreateTable(
                name: "case_tests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    result = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sampled_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_tests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    to_state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_transitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    state_since = table.Column<long>(type: "INTEGER", nullable: false),
                    phase_since = table.Column<long>(type: "INTEGER", nullable: false),
                    closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    responsible_unit = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    reported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                });

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
                name: "citizen_links",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    linked_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citizen_links", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "colour_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from = table.Column<short>(type: "INTEGER", nullable: false),
                    to = table.Column<short>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    cause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    rule_set_version = table.Column<int>(type: "INTEGER", nullable: false),
                    override_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reasons_json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_facts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    state_label = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    start = table.Column<long>(type: "INTEGER", nullable: false),
                    end = table.Column<long>(type: "INTEGER", nullable: true),
                    end_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    last_event_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_facts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_overrides",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    colour = table.Column<short>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    days = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<short>(type: "INTEGER", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decision_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    until = table.Column<long>(type: "INTEGER", nullable: true),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_overrides", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "colour_rule_sets",
                columns: table => new
                {
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    reevaluation_total = table.Column<int>(type: "INTEGER", nullable: false),
                    reevaluation_done = table.Column<int>(type: "INTEGER", nullable: false),
                    reevaluation_cursor = table.Column<Guid>(type: "TEXT", nullable: true),
                    reevaluated_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_colour_rule_sets", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "declarations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    declared_at = table.Column<long>(type: "INTEGER", nullable: false),
                    fever = table.Column<bool>(type: "INTEGER", nullable: false),
                    symptoms = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    travel_region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    travel_region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    travel_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    travel_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_declarations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "directives",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    issuer_unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    issued_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    meeting_at = table.Column<long>(type: "INTEGER", nullable: true),
                    meeting_link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recipient_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directives", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "disease_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disease_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "diseases",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    definition = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_diseases", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "duplicate_candidates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    source_record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    candidate_person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    merge_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_candidates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "health_checks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    temperature = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: false),
                    cough = table.Column<bool>(type: "INTEGER", nullable: false),
                    fever = table.Column<bool>(type: "INTEGER", nullable: false),
                    fatigue = table.Column<bool>(type: "INTEGER", nullable: false),
                    sore_throat = table.Column<bool>(type: "INTEGER", nullable: false),
                    loss_of_taste_or_smell = table.Column<bool>(type: "INTEGER", nullable: false),
                    other_symptoms = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    abnormal = table.Column<bool>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_health_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source_system_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    external_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_households", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source_system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rows = table.Column<long>(type: "INTEGER", nullable: false),
                    created = table.Column<long>(type: "INTEGER", nullable: false),
                    updated = table.Column<long>(type: "INTEGER", nullable: false),
                    unchanged = table.Column<long>(type: "INTEGER", nullable: false),
                    rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    needs_review = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_rejections",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    row_number = table.Column<long>(type: "INTEGER", nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    zh = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    en = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_rejections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "isolation_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    site_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    next_assignment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isolation_assignments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "isolation_sites",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    occupied = table.Column<int>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isolation_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jurisdictions",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    alternate_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    centroid_lon = table.Column<double>(type: "REAL", nullable: false),
                    centroid_lat = table.Column<double>(type: "REAL", nullable: false),
                    area_geo_json = table.Column<string>(type: "TEXT", nullable: false),
                    area_is_approximate = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jurisdictions", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "missed_checks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    responsible_unit = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    detected_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_missed_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_colours",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    colour = table.Column<short>(type: "INTEGER", nullable: false),
                    since = table.Column<long>(type: "INTEGER", nullable: false),
                    next_review_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reasons_json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    rule_set_version = table.Column<int>(type: "INTEGER", nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    evaluated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_colours", x => x.person_id);
                });

            migrationBuilder.CreateTable(
                name: "person_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    source_record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    since = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_flags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    survivor_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    merged_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    moved_record_ids = table.Column<string>(type: "TEXT", nullable: false),
                    moved_flag_ids = table.Column<string>(type: "TEXT", nullable: false),
                    merged_at = table.Column<long>(type: "INTEGER", nullable: false),
                    merged_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    undone_at = table.Column<long>(type: "INTEGER", nullable: true),
                    undone_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_merges", x => x.id);
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
                name: "risk_grades",
                columns: table => new
                {
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    rule_version = table.Column<int>(type: "INTEGER", nullable: false),
                    computed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_grades", x => new { x.disease_code, x.date, x.unit_code });
                });

            migrationBuilder.CreateTable(
                name: "scans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scanned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    venue_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    colour = table.Column<short>(type: "INTEGER", nullable: false),
                    kid = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    mode = table.Column<short>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scans", x => new { x.id, x.scanned_at });
                });

            migrationBuilder.CreateTable(
                name: "scheduled_jobs",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    next_run_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_run_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    runs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_jobs", x => x.name);
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

            migrationBuilder.CreateTable(
                name: "source_record_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source_record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    replaced_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_record_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "source_systems",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    api_client_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_systems", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_balances",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_balances", x => new { x.unit_code, x.item, x.name });
                });

            migrationBuilder.CreateTable(
                name: "stock_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    transfer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    counterpart_unit = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subject_links",
                columns: table => new
                {
                    subject = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subject_links", x => x.subject);
                });

            migrationBuilder.CreateTable(
                name: "supply_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    priority_reasons = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    is_open = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    accepted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    accepted_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    refusal_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracing_contacts",
                columns: table => new
                {
                    tracing_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    encounters = table.Column<int>(type: "INTEGER", nullable: false),
                    venues = table.Column<int>(type: "INTEGER", nullable: false),
                    first_at = table.Column<long>(type: "INTEGER", nullable: false),
                    max_overlap_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    confirmed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    confirm_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracing_contacts", x => new { x.tracing_id, x.person_id });
                });

            migrationBuilder.CreateTable(
                name: "tracing_encounters",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tracing_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    venue_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index_scanned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    contact_scanned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    overlap_seconds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracing_encounters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index_person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index_community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    index_street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    window_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    days = table.Column<int>(type: "INTEGER", nullable: false),
                    from = table.Column<long>(type: "INTEGER", nullable: false),
                    to = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    has_code = table.Column<bool>(type: "INTEGER", nullable: false),
                    visits = table.Column<int>(type: "INTEGER", nullable: false),
                    venues = table.Column<int>(type: "INTEGER", nullable: false),
                    contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    encounters = table.Column<int>(type: "INTEGER", nullable: false),
                    unlinked_subjects = table.Column<int>(type: "INTEGER", nullable: false),
                    confirmed_contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    search_milliseconds = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "unit_case_counts",
                columns: table => new
                {
                    disease_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false),
                    stamp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_case_counts", x => new { x.disease_code, x.community_code, x.state });
                });

            migrationBuilder.CreateTable(
                name: "venues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    key_hint = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    key_issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    module = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    dedup_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    original_unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    title_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    subject_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    original_due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    escalation_level = table.Column<int>(type: "INTEGER", nullable: false),
                    escalated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    assigned_to = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    result = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "account_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_claims_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_account_logins_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_account_tokens_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "directive_recipients",
                columns: table => new
                {
                    directive_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    read_at = table.Column<long>(type: "INTEGER", nullable: true),
                    read_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directive_recipients", x => new { x.directive_id, x.unit_code });
                    table.ForeignKey(
                        name: "fk_directive_recipients_directives_directive_id",
                        column: x => x.directive_id,
                        principalTable: "directives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "persons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    id_number = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    id_suffix = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sex = table.Column<short>(type: "INTEGER", nullable: true),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    relation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    merged_into_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_persons", x => x.id);
                    table.ForeignKey(
                        name: "fk_persons_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "source_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source_system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    last_batch_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_source_records_source_systems_source_system_id",
                        column: x => x.source_system_id,
                        principalTable: "source_systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supply_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivered_by = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_supply_deliveries_supply_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "supply_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supply_request_lines",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_no = table.Column<int>(type: "INTEGER", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    delivered = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_request_lines", x => new { x.request_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_supply_request_lines_supply_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "supply_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "work_order_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    from_unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    to_unit_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_order_events_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
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

            migrationBuilder.CreateTable(
                name: "supply_delivery_lines",
                columns: table => new
                {
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_no = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supply_delivery_lines", x => new { x.delivery_id, x.line_no });
                    table.ForeignKey(
                        name: "fk_supply_delivery_lines_supply_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalTable: "supply_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_claims_user_id",
                table: "account_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_logins_user_id",
                table: "account_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "accounts",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "accounts",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_key_prefix",
                table: "api_clients",
                column: "key_prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appeals_community_code_status_filed_at",
                table: "appeals",
                columns: new[] { "community_code", "status", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_person_id_filed_at",
                table: "appeals",
                columns: new[] { "person_id", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_status_filed_at",
                table: "appeals",
                columns: new[] { "status", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appeals_street_code_status_filed_at",
                table: "appeals",
                columns: new[] { "street_code", "status", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_case_tests_case_id_sampled_at",
                table: "case_tests",
                columns: new[] { "case_id", "sampled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_case_id_id",
                table: "case_transitions",
                columns: new[] { "case_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_case_transitions_to_state_at",
                table: "case_transitions",
                columns: new[] { "to_state", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_community_code_category_state_reported_at",
                table: "cases",
                columns: new[] { "community_code", "category", "state", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_disease_code_state_phase_since",
                table: "cases",
                columns: new[] { "disease_code", "state", "phase_since" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_person_id_disease_code_closed",
                table: "cases",
                columns: new[] { "person_id", "disease_code", "closed" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_street_code_category_state_reported_at",
                table: "cases",
                columns: new[] { "street_code", "category", "state", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_checkpoints_unit_code_name",
                table: "checkpoints",
                columns: new[] { "unit_code", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_citizen_links_person_id",
                table: "citizen_links",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_colour_changes_person_id_at",
                table: "colour_changes",
                columns: new[] { "person_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_facts_person_id",
                table: "colour_facts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_colour_facts_source_id_kind",
                table: "colour_facts",
                columns: new[] { "source_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_overrides_person_id_status",
                table: "colour_overrides",
                columns: new[] { "person_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_colour_overrides_status_requested_at",
                table: "colour_overrides",
                columns: new[] { "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_declarations_person_id_declared_at",
                table: "declarations",
                columns: new[] { "person_id", "declared_at" });

            migrationBuilder.CreateIndex(
                name: "ix_directive_recipients_unit_code_issued_at",
                table: "directive_recipients",
                columns: new[] { "unit_code", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_directives_issuer_unit_code_issued_at",
                table: "directives",
                columns: new[] { "issuer_unit_code", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_disease_versions_disease_code_version",
                table: "disease_versions",
                columns: new[] { "disease_code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_source_record_id",
                table: "duplicate_candidates",
                column: "source_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_status_street_code_community_code",
                table: "duplicate_candidates",
                columns: new[] { "status", "street_code", "community_code" });

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
                name: "ix_health_checks_case_id_date",
                table: "health_checks",
                columns: new[] { "case_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_health_checks_community_code_date",
                table: "health_checks",
                columns: new[] { "community_code", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_households_community_code",
                table: "households",
                column: "community_code");

            migrationBuilder.CreateIndex(
                name: "ix_households_external_key_source_system_id",
                table: "households",
                columns: new[] { "external_key", "source_system_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_source_system_id_started_at",
                table: "import_batches",
                columns: new[] { "source_system_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_rejections_batch_id_row_number",
                table: "import_rejections",
                columns: new[] { "batch_id", "row_number" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_active_person",
                table: "isolation_assignments",
                column: "person_id",
                unique: true,
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_case_id_started_at",
                table: "isolation_assignments",
                columns: new[] { "case_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_assignments_site_id_ended_at",
                table: "isolation_assignments",
                columns: new[] { "site_id", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_isolation_sites_unit_code_active",
                table: "isolation_sites",
                columns: new[] { "unit_code", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_jurisdictions_parent_code",
                table: "jurisdictions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_missed_checks_case_id_date",
                table: "missed_checks",
                columns: new[] { "case_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_missed_checks_date_community_code",
                table: "missed_checks",
                columns: new[] { "date", "community_code" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_id",
                table: "outbox_messages",
                columns: new[] { "processed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_passage_logs_checkpoint_id_at",
                table: "passage_logs",
                columns: new[] { "checkpoint_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_community_code_colour",
                table: "person_colours",
                columns: new[] { "community_code", "colour" });

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_next_review_at",
                table: "person_colours",
                column: "next_review_at");

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_rule_set_version",
                table: "person_colours",
                column: "rule_set_version");

            migrationBuilder.CreateIndex(
                name: "ix_person_colours_street_code_colour",
                table: "person_colours",
                columns: new[] { "street_code", "colour" });

            migrationBuilder.CreateIndex(
                name: "ix_person_flags_person_id_active",
                table: "person_flags",
                columns: new[] { "person_id", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_person_flags_source_record_id_kind",
                table: "person_flags",
                columns: new[] { "source_record_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_merged_id",
                table: "person_merges",
                column: "merged_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merges_survivor_id",
                table: "person_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_persons_community_code_name",
                table: "persons",
                columns: new[] { "community_code", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_persons_household_id",
                table: "persons",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_persons_id_number",
                table: "persons",
                column: "id_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_persons_id_suffix",
                table: "persons",
                column: "id_suffix");

            migrationBuilder.CreateIndex(
                name: "ix_persons_name",
                table: "persons",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_persons_phone",
                table: "persons",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_persons_street_code_name",
                table: "persons",
                columns: new[] { "street_code", "name" });

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
                name: "ix_scans_scanned_at",
                table: "scans",
                column: "scanned_at");

            migrationBuilder.CreateIndex(
                name: "ix_scans_subject_scanned_at",
                table: "scans",
                columns: new[] { "subject", "scanned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_scans_venue_id_scanned_at",
                table: "scans",
                columns: new[] { "venue_id", "scanned_at" });

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

            migrationBuilder.CreateIndex(
                name: "ix_signing_keys_retired_at",
                table: "signing_keys",
                column: "retired_at");

            migrationBuilder.CreateIndex(
                name: "ix_source_record_versions_source_record_id_version",
                table: "source_record_versions",
                columns: new[] { "source_record_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_records_external_id_source_system_id",
                table: "source_records",
                columns: new[] { "external_id", "source_system_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_records_person_id",
                table: "source_records",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_records_source_system_id",
                table: "source_records",
                column: "source_system_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_systems_api_client_id",
                table: "source_systems",
                column: "api_client_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_systems_code",
                table: "source_systems",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_transfer_id",
                table: "stock_entries",
                column: "transfer_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_entries_unit_code_at",
                table: "stock_entries",
                columns: new[] { "unit_code", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_subject_links_person_id",
                table: "subject_links",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supply_deliveries_request_id",
                table: "supply_deliveries",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_community_code_is_open_priority_created_at",
                table: "supply_requests",
                columns: new[] { "community_code", "is_open", "priority", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_household_id",
                table: "supply_requests",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_is_open_street_code_community_code",
                table: "supply_requests",
                columns: new[] { "is_open", "street_code", "community_code" });

            migrationBuilder.CreateIndex(
                name: "ix_supply_requests_street_code_is_open_priority_created_at",
                table: "supply_requests",
                columns: new[] { "street_code", "is_open", "priority", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracing_contacts_person_id",
                table: "tracing_contacts",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_tracing_encounters_tracing_id_person_id",
                table: "tracing_encounters",
                columns: new[] { "tracing_id", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_case_id",
                table: "tracings",
                column: "case_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tracings_created_at",
                table: "tracings",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_community_code_created_at",
                table: "tracings",
                columns: new[] { "index_community_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_person_id_created_at",
                table: "tracings",
                columns: new[] { "index_person_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracings_index_street_code_created_at",
                table: "tracings",
                columns: new[] { "index_street_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_venues_code",
                table: "venues",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_community_code",
                table: "venues",
                column: "community_code");

            migrationBuilder.CreateIndex(
                name: "ix_venues_key_hash",
                table: "venues",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_street_code",
                table: "venues",
                column: "street_code");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_events_work_order_id_at",
                table: "work_order_events",
                columns: new[] { "work_order_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_module_dedup_key",
                table: "work_orders",
                columns: new[] { "module", "dedup_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_original_unit_code_status_due_at",
                table: "work_orders",
                columns: new[] { "original_unit_code", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_status_due_at",
                table: "work_orders",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_unit_code_status_due_at",
                table: "work_orders",
                columns: new[] { "unit_code", "status", "due_at" });

            HandWritten.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            HandWritten.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "account_claims");

            migrationBuilder.DropTable(
                name: "account_logins");

            migrationBuilder.DropTable(
                name: "account_tokens");

            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "appeals");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "case_feed_events");

            migrationBuilder.DropTable(
                name: "case_tests");

            migrationBuilder.DropTable(
                name: "case_transitions");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "citizen_links");

            migrationBuilder.DropTable(
                name: "colour_changes");

            migrationBuilder.DropTable(
                name: "colour_facts");

            migrationBuilder.DropTable(
                name: "colour_overrides");

            migrationBuilder.DropTable(
                name: "colour_rule_sets");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "declarations");

            migrationBuilder.DropTable(
                name: "directive_recipients");

            migrationBuilder.DropTable(
                name: "disease_versions");

            migrationBuilder.DropTable(
                name: "diseases");

            migrationBuilder.DropTable(
                name: "duplicate_candidates");

            migrationBuilder.DropTable(
                name: "duty_staff");

            migrationBuilder.DropTable(
                name: "health_checks");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "import_rejections");

            migrationBuilder.DropTable(
                name: "isolation_assignments");

            migrationBuilder.DropTable(
                name: "isolation_sites");

            migrationBuilder.DropTable(
                name: "jurisdictions");

            migrationBuilder.DropTable(
                name: "missed_checks");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "passage_logs");

            migrationBuilder.DropTable(
                name: "person_colours");

            migrationBuilder.DropTable(
                name: "person_flags");

            migrationBuilder.DropTable(
                name: "person_merges");

            migrationBuilder.DropTable(
                name: "persons");

            migrationBuilder.DropTable(
                name: "returnees");

            migrationBuilder.DropTable(
                name: "risk_grades");

            migrationBuilder.DropTable(
                name: "scans");

            migrationBuilder.DropTable(
                name: "scheduled_jobs");

            migrationBuilder.DropTable(
                name: "screening_nonces");

            migrationBuilder.DropTable(
                name: "screening_senders");

            migrationBuilder.DropTable(
                name: "secrets");

            migrationBuilder.DropTable(
                name: "sightings");

            migrationBuilder.DropTable(
                name: "signing_keys");

            migrationBuilder.DropTable(
                name: "source_record_versions");

            migrationBuilder.DropTable(
                name: "source_records");

            migrationBuilder.DropTable(
                name: "stock_balances");

            migrationBuilder.DropTable(
                name: "stock_entries");

            migrationBuilder.DropTable(
                name: "subject_links");

            migrationBuilder.DropTable(
                name: "supply_delivery_lines");

            migrationBuilder.DropTable(
                name: "supply_request_lines");

            migrationBuilder.DropTable(
                name: "tracing_contacts");

            migrationBuilder.DropTable(
                name: "tracing_encounters");

            migrationBuilder.DropTable(
                name: "tracings");

            migrationBuilder.DropTable(
                name: "unit_case_counts");

            migrationBuilder.DropTable(
                name: "venues");

            migrationBuilder.DropTable(
                name: "work_order_events");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "directives");

            migrationBuilder.DropTable(
                name: "duty_shifts");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropTable(
                name: "source_systems");

            migrationBuilder.DropTable(
                name: "supply_deliveries");

            migrationBuilder.DropTable(
                name: "work_orders");

            migrationBuilder.DropTable(
                name: "checkpoints");

            migrationBuilder.DropTable(
                name: "supply_requests");
        }
    }
}
