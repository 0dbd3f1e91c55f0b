using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiwang.Persistence.Sqlite;

/// <summary>
/// The SQLite schema EF Core cannot describe in the model. It lives outside Migrations/ so that regenerating the
/// baseline cannot lose it: the generated <c>Initial.Up</c> ends with <see cref="Up"/> and its Down starts with
/// <see cref="Down"/> (ADR 0015).
/// </summary>
internal static class HandWritten
{
    public static void Up(MigrationBuilder migrationBuilder)
    {
        // The audit log is append-only in the database too (ADR 0003): an edit needs a deliberate DROP TRIGGER,
        // and the hash chain still shows what was touched.
        migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
        migrationBuilder.Sql("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_delete;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_update;");
    }
}
