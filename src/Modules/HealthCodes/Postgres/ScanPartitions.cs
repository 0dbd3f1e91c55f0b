using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;

namespace Yiwang.HealthCodes.Postgres;

/// <summary>
/// On PostgreSQL the scans table is partitioned by district day (ADR 0014; the SQL is in Yiwang.Persistence.Postgres,
/// HandWritten.cs, ADR 0015): one <c>scans_pYYYYMMDD</c> per Huangpi day plus <c>scans_default</c> for rows no day covers
/// yet. Day-sized indexes keep a scan cheap to store, and retention drops whole days. On SQLite every method does nothing.
/// </summary>
/// <remarks>
/// Days are attached so the parent stays writable; one advisory lock keeps hosts and benchmarks from racing on the catalogue.
/// </remarks>
internal static class ScanPartitions
{
    /// <summary>The advisory lock all partition changes take (kernel locks are 4_201_160_00x).</summary>
    internal const long LockId = 4_201_160_101;

    private const string Prefix = "scans_p";

    public const string DefaultName = "scans_default";

    public static string NameOf(DateOnly day) => Prefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly? DayOf(string partition) =>
        partition.StartsWith(Prefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(partition[Prefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    public static async Task<IReadOnlyList<string>> ListAsync(YiwangDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return [];
        }

        var (schema, table) = Names(db);
        return await db.Database.SqlQueryRaw<string>(
            "SELECT c.relname AS \"Value\" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " +
            "WHERE i.inhparent = to_regclass({0}) ORDER BY c.relname", $"\"{schema}\".\"{table}\"").ToListAsync(ct);
    }

    /// <summary>Joins the caller's transaction if there is one; returns the days created.</summary>
    public static async Task<int> EnsureAsync(YiwangDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres || to < from)
        {
            return 0;
        }

        var (schema, table) = Names(db);
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockId})", ct);
        var existing = (await ListAsync(db, ct)).ToHashSet(StringComparer.Ordinal);
        var created = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var name = NameOf(day);
            if (existing.Contains(name))
            {
                continue;
            }

            var (start, end) = (Literal(DistrictTime.StartOfDay(day)), Literal(DistrictTime.StartOfDay(day.AddDays(1))));
            // ATTACH locks the parent only against schema changes (SHARE UPDATE EXCLUSIVE), so uploads into today go on;
            // CREATE TABLE … PARTITION OF would lock the whole table while it checks DEFAULT. The day's rows in DEFAULT must
            // move first or ATTACH refuses (usually none, found through DEFAULT's BRIN time index).
            var move = existing.Contains(DefaultName)
                ? $"WITH moved AS (DELETE FROM \"{schema}\".\"{DefaultName}\" WHERE scanned_at >= '{start}' AND scanned_at < '{end}' RETURNING *) " +
                  $"INSERT INTO \"{schema}\".\"{name}\" SELECT * FROM moved; "
                : "";
#pragma warning disable EF1002, EF1003 // identifiers from our own model and literals we format from dates, never input
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE TABLE \"{schema}\".\"{name}\" (LIKE \"{schema}\".\"{table}\" INCLUDING DEFAULTS INCLUDING CONSTRAINTS); " + move +
                $"ALTER TABLE \"{schema}\".\"{table}\" ATTACH PARTITION \"{schema}\".\"{name}\" FOR VALUES FROM ('{start}') TO ('{end}')", ct);
#pragma warning restore EF1002, EF1003

            created++;
        }

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return created;
    }

    /// <summary>Rows in DEFAULT and in the cutoff's own day are left to the retention job's row deletes.</summary>
    public static async Task<(int Partitions, long Scans)> DropEndingBeforeAsync(YiwangDbContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return (0, 0);
        }

        var (schema, _) = Names(db);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockId})", ct);
        var partitions = 0;
        var scans = 0L;
        foreach (var name in await ListAsync(db, ct))
        {
            if (DayOf(name) is not { } day || DistrictTime.StartOfDay(day.AddDays(1)) > cutoff)
            {
                continue;
            }

#pragma warning disable EF1002 // a partition name we made (checked by DayOf)
            scans += await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM \"{schema}\".\"{name}\"").SingleAsync(ct);
            await db.Database.ExecuteSqlRawAsync($"DROP TABLE \"{schema}\".\"{name}\"", ct);
#pragma warning restore EF1002
            partitions++;
        }

        await tx.CommitAsync(ct);
        return (partitions, scans);
    }

    private static (string Schema, string Table) Names(YiwangDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Scan))!;
        return (entity.GetSchema() ?? "public", entity.GetTableName()!);
    }

    private static string Literal(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00";
}
