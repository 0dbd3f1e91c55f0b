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
                name: "ix_audit_log_at",
                schema: "kernel",
                table: "audit_log",
                column: "at");

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
                name: "ix_households_community_code",
                schema: "people",
                table: "households",
                column: "community_code");

            migrationBuilder.CreateIndex(
                name: "ix_households_source_system_id_external_key",
                schema: "people",
                table: "households",
                columns: new[] { "source_system_id", "external_key" },
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
                name: "ix_jurisdictions_parent_code",
                schema: "kernel",
                table: "jurisdictions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_id",
                schema: "kernel",
                table: "outbox_messages",
                columns: new[] { "processed_at", "id" });

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
                name: "ix_source_record_versions_source_record_id_version",
                schema: "people",
                table: "source_record_versions",
                columns: new[] { "source_record_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_records_person_id",
                schema: "people",
                table: "source_records",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_records_source_system_id_external_id",
                schema: "people",
                table: "source_records",
                columns: new[] { "source_system_id", "external_id" },
                unique: true);

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

            // The audit log is append-only in the database too: edits need a deliberate DISABLE TRIGGER,
            // and the hash chain still shows what was touched.
            migrationBuilder.Sql("CREATE FUNCTION kernel.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON kernel.audit_log FOR EACH ROW EXECUTE FUNCTION kernel.audit_log_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON kernel.audit_log FOR EACH STATEMENT EXECUTE FUNCTION kernel.audit_log_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS kernel.audit_log_append_only() CASCADE;");
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
                name: "audit_log",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "duplicate_candidates",
                schema: "people");

            migrationBuilder.DropTable(
                name: "import_batches",
                schema: "people");

            migrationBuilder.DropTable(
                name: "import_rejections",
                schema: "people");

            migrationBuilder.DropTable(
                name: "jurisdictions",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "kernel");

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
                name: "source_record_versions",
                schema: "people");

            migrationBuilder.DropTable(
                name: "source_records",
                schema: "people");

            migrationBuilder.DropTable(
                name: "accounts",
                schema: "kernel");

            migrationBuilder.DropTable(
                name: "households",
                schema: "people");

            migrationBuilder.DropTable(
                name: "source_systems",
                schema: "people");
        }
    }
}
