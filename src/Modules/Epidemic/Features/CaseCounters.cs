using Yiwang.Kernel.Contracts.Epidemic;
using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Data;

namespace Yiwang.Epidemic.Features;

/// <summary>One atomic upsert per changed counter inside the saving transaction, so counters equal the records'
/// GROUP BY at every commit (concurrent moves add and subtract; they never overwrite each other).</summary>
internal static class CaseCounters
{
    public static async Task ApplyAsync(YiwangDbContext db, string disease, string community, string state, CaseCategory category, long delta, long stamp, CancellationToken ct)
    {
        // The upsert is the same SQL on SQLite and PostgreSQL; only the table's schema differs, and the model knows it.
        var table = db.Model.FindEntityType(typeof(UnitCaseCount))!.GetSchemaQualifiedTableName();
        var cat = category.ToString();
#pragma warning disable EF1002 // the table name comes from the model; every value is a parameter
        await db.Database.ExecuteSqlRawAsync(
            $$"""
            INSERT INTO {{table}} (disease_code, community_code, state, category, count, stamp)
            VALUES ({0}, {1}, {2}, {3}, {4}, {5})
            ON CONFLICT (disease_code, community_code, state)
            DO UPDATE SET count = {{table}}.count + excluded.count, stamp = excluded.stamp
            """,
            [disease, community, state, cat, delta, stamp], ct);
#pragma warning restore EF1002
    }

    /// <summary>Recomputes every counter from the records (repair after a restore; the benchmark's check).</summary>
    public static async Task<int> RebuildAsync(YiwangDbContext db, long stamp, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<UnitCaseCount>().ExecuteDeleteAsync(ct);
        var groups = await db.Set<EpiCase>().AsNoTracking()
            .GroupBy(c => new { c.DiseaseCode, c.CommunityCode, c.State, c.Category })
            .Select(g => new { g.Key.DiseaseCode, g.Key.CommunityCode, g.Key.State, g.Key.Category, Count = g.LongCount() })
            .ToListAsync(ct);
        foreach (var g in groups)
        {
            db.Set<UnitCaseCount>().Add(new UnitCaseCount
            {
                DiseaseCode = g.DiseaseCode, CommunityCode = g.CommunityCode, State = g.State, Category = g.Category, Count = g.Count, Stamp = stamp,
            });
        }

        await db.SaveChangesAsync(new Kernel.Audit.AuditRecord("rebuild", nameof(UnitCaseCount), "*", $"{groups.Count} counters"), ct);
        await tx.CommitAsync(ct);
        return groups.Count;
    }
}
