using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;

namespace Yiwang.HealthCodes.Postgres;

/// <summary>
/// On PostgreSQL the scans table is partitioned by district day (ADR 0014, migration ScansByDay): one partition
/// <c>scans_pYYYYMMDD</c> per day from midnight to midnight in Huangpi, and a DEFAULT partition <c>scans_default</c> for
/// any scan no day partition covers yet (a migrated database's old rows, an upload before the day's partition exists).
/// A day's indexes stay about a day's size however many days are kept, which is what makes a scan cheap to store;
/// retention drops whole expired days instead of deleting their rows one by one. SQLite has one plain table: every
/// method here does nothing there.
/// </summary>
/// <remarks>
/// A day is created as a plain table and attached (the parent stays writable meanwhile); a day whose rows already sit
/// in DEFAULT gets them moved in the same transaction (PostgreSQL would otherwise refuse the new partition). All changes
/// take one advisory lock, so two hosts or a host and a benchmark never race on the catalogue; the retention job calls
/// these on one host per due time anyway.
/// </remarks>
internal static class ScanPartitions
{
    /// <summary>The advisory lock all partition changes take (kernel locks are 4_201_160_00x).</summary>
    internal const long LockId = 4_201_160_101;

    private const string Prefix = "scans_p";

    public const string DefaultName = "scans_default";

    public static string NameOf(DateOnly day) => Prefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The day a partition of ours holds, or null for DEFAULT and anything not made here.</summary>
    public static DateOnly? DayOf(string partition) =>
        partition.StartsWith(Prefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(partition[Prefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>The partitions of the scans table, by name (empty on SQLite).</summary>
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

    /// <summary>
    /// Makes sure each district day from <paramref name="from"/> to <paramref name="to"/> (inclusive) has its partition,
    /// moving any of its rows out of DEFAULT; joins the caller's transaction if there is one. Returns the days created.
    /// </summary>
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
            // A table of the same shape becomes the partition with ATTACH, which locks the parent only against schema
            // changes (SHARE UPDATE EXCLUSIVE), so uploads into today's partition go on; CREATE TABLE … PARTITION OF
            // would lock the whole table while it checks DEFAULT. ATTACH builds the day's indexes and checks that
            // DEFAULT holds nothing of the day any more: any of the day's rows there move first, in this transaction
            // (the move finds none in the usual case, through DEFAULT's BRIN time index).
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

    /// <summary>
    /// Drops every day partition that ends at or before <paramref name="cutoff"/> (all its scans are expired); returns
    /// how many partitions and scans that was. Rows in DEFAULT and in the day the cutoff falls in are left to the
    /// retention job's row deletes.
    /// </summary>
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
