using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiwang.Persistence.Postgres;

/// <summary>
/// The PostgreSQL schema EF Core cannot describe in the model. It lives outside Migrations/ so that regenerating the
/// baseline cannot lose it: the generated <c>Initial.Up</c> ends with <see cref="Up"/> and its Down starts with
/// <see cref="Down"/> (ADR 0015).
/// </summary>
internal static class HandWritten
{
    public static void Up(MigrationBuilder migrationBuilder)
    {
        AuditLogAppendOnly(migrationBuilder);
        ScansByDay(migrationBuilder);
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        // The generated Down drops healthcodes.scans, and with it every partition.
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS kernel.audit_log_append_only() CASCADE;");
    }

    /// <summary>
    /// The audit log is append-only in the database too (ADR 0003): an edit needs a deliberate DISABLE TRIGGER, and
    /// the hash chain still shows what was touched.
    /// </summary>
    private static void AuditLogAppendOnly(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE FUNCTION kernel.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;");
        migrationBuilder.Sql("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON kernel.audit_log FOR EACH ROW EXECUTE FUNCTION kernel.audit_log_append_only();");
        migrationBuilder.Sql("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON kernel.audit_log FOR EACH STATEMENT EXECUTE FUNCTION kernel.audit_log_append_only();");
    }

    /// <summary>
    /// Scans are kept in one partition per district day (ADR 0014): the table is range-partitioned on scanned_at
    /// with a DEFAULT partition, and ScanPartitions creates and drops the days. EF Core cannot create a partitioned
    /// table, so this replaces the plain table the generated migration made, while it is still empty, by a
    /// partitioned one with the same columns, constraints and indexes (read from the catalogue, so they stay the
    /// model's after a regeneration).
    /// </summary>
    private static void ScansByDay(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DO $$
        DECLARE
            constraints text[];
            indexes text[];
            statement text;
        BEGIN
            SELECT coalesce(array_agg(format('ALTER TABLE healthcodes.scans ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid)) ORDER BY contype DESC, conname), '{}')
            INTO constraints FROM pg_constraint WHERE conrelid = 'healthcodes.scans'::regclass;
            SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid) ORDER BY i.indexrelid::regclass::text), '{}')
            INTO indexes FROM pg_index i
            WHERE i.indrelid = 'healthcodes.scans'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid);

            ALTER TABLE healthcodes.scans RENAME TO scans_generated;
            CREATE TABLE healthcodes.scans (LIKE healthcodes.scans_generated INCLUDING ALL EXCLUDING CONSTRAINTS EXCLUDING INDEXES)
                PARTITION BY RANGE (scanned_at);
            DROP TABLE healthcodes.scans_generated;
            CREATE TABLE healthcodes.scans_default PARTITION OF healthcodes.scans DEFAULT;
            FOREACH statement IN ARRAY constraints || indexes LOOP
                EXECUTE statement;
            END LOOP;
        END $$;
        """);
}
