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
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_source_record_id",
                table: "duplicate_candidates",
                column: "source_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_status_street_code_community_code",
                table: "duplicate_candidates",
                columns: new[] { "status", "street_code", "community_code" });

            migrationBuilder.CreateIndex(
                name: "ix_households_community_code",
                table: "households",
                column: "community_code");

            migrationBuilder.CreateIndex(
                name: "ix_households_source_system_id_external_key",
                table: "households",
                columns: new[] { "source_system_id", "external_key" },
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
                name: "ix_jurisdictions_parent_code",
                table: "jurisdictions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_id",
                table: "outbox_messages",
                columns: new[] { "processed_at", "id" });

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
                name: "ix_source_record_versions_source_record_id_version",
                table: "source_record_versions",
                columns: new[] { "source_record_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_records_person_id",
                table: "source_records",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_records_source_system_id_external_id",
                table: "source_records",
                columns: new[] { "source_system_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_systems_api_client_id",
                table: "source_systems",
                column: "api_client_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_systems_code",
                table: "source_systems",
                column: "code",
                unique: true);

            // The audit log is append-only in the database too: edits need a deliberate DROP TRIGGER,
            // and the hash chain still shows what was touched.
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_claims");

            migrationBuilder.DropTable(
                name: "account_logins");

            migrationBuilder.DropTable(
                name: "account_tokens");

            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "duplicate_candidates");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "import_rejections");

            migrationBuilder.DropTable(
                name: "jurisdictions");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "person_flags");

            migrationBuilder.DropTable(
                name: "person_merges");

            migrationBuilder.DropTable(
                name: "persons");

            migrationBuilder.DropTable(
                name: "source_record_versions");

            migrationBuilder.DropTable(
                name: "source_records");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropTable(
                name: "source_systems");
        }
    }
}
