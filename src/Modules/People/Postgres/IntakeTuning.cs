using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;

namespace Yiwang.People.Postgres;

/// <summary>PostgreSQL-only settings of a large import; the intake calls them when <c>db.Provider</c> is PostgreSQL.</summary>
internal static class IntakeTuning
{
    /// <summary>
    /// Rows this transaction inserts are invisible to the planner's statistics, which then believe the tables are
    /// small and scan them whole for every chunk's lookups: quadratic.
    /// </summary>
    public static Task PreferIndexesAsync(YiwangDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", ct);

    /// <summary>
    /// After a first load, as after pg_restore: fresh statistics, and hint bits and the visibility map set now rather
    /// than by the first queries that read a million new rows. Outside the import's transaction (VACUUM cannot run in one).
    /// </summary>
    public static async Task VacuumAnalyzeAsync(YiwangDbContext db, IEnumerable<Type> entities, CancellationToken ct)
    {
        var tables = string.Join(", ", entities.Select(t => QualifiedTable(db, t)));
#pragma warning disable EF1003 // table names from our own model
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) " + tables, ct);
#pragma warning restore EF1003
    }

    private static string QualifiedTable(YiwangDbContext db, Type entity)
    {
        var e = db.Model.FindEntityType(entity)!;
        return e.GetSchema() is { } schema ? $"\"{schema}\".\"{e.GetTableName()}\"" : $"\"{e.GetTableName()}\"";
    }
}
