using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Postgres;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>
/// Skips scans already stored, so an upload sent twice (again, concurrently, to another host) stores each once. The key
/// is (id, scanned_at) because a partitioned table's key must contain the partition column (ADR 0014). Durable when this
/// returns. Table and column names come from the EF model.
/// </summary>
/// <remarks>
/// PostgreSQL first tries a plain INSERT (about a sixth cheaper per row than ON CONFLICT's speculative insertion); only on
/// a duplicate (a replay) is it rolled back and resent with ON CONFLICT DO NOTHING, so the log shows that key error.
/// </remarks>
internal static class ScanStore
{
    // One model per provider (tests run hosts of both in one process).
    private static readonly ConcurrentDictionary<DatabaseProvider, Statements> _statements = new();

    /// <summary>Returns how many were new. <paramref name="sameIdWithin"/> is for server-stamped times (a retry arrives
    /// later); SQLite matches the id at any time.</summary>
    public static async Task<int> InsertNewAsync(YiwangDbContext db, IReadOnlyList<Scan> scans, CancellationToken ct, TimeSpan? sameIdWithin = null)
    {
        if (scans.Count == 0)
        {
            return 0;
        }

        var statements = _statements.GetOrAdd(db.Provider, _ => Statements.For(db));
        return db.Provider == DatabaseProvider.Postgres
            ? await PostgresScanInserts.InsertAsync(db, statements.Postgres, statements.PostgresIgnoringDuplicates, statements.PostgresSkippingKnownIds, scans, sameIdWithin, ct)
            : await InsertSqliteAsync(db, statements, scans, sameIdWithin is not null, ct);
    }

    private static async Task<int> InsertSqliteAsync(YiwangDbContext db, Statements s, IReadOnlyList<Scan> scans, bool skipKnownIds, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null;
        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock first, so concurrent uploads queue, not deadlock.
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = skipKnownIds ? s.SqliteSkippingKnownIds : s.Sqlite;
        var parameters = new DbParameter[s.Columns.Length];
        for (var i = 0; i < s.Columns.Length; i++)
        {
            parameters[i] = s.Columns[i].Mapping.CreateParameter(cmd, "$p" + i, s.Columns[i].ModelValue(scans[0]), nullable: false);
            cmd.Parameters.Add(parameters[i]);
        }

        cmd.Prepare();
        var inserted = 0;
        for (var r = 0; r < scans.Count; r++)
        {
            if (r > 0)
            {
                for (var i = 0; i < s.Columns.Length; i++)
                {
                    parameters[i].Value = s.Columns[i].ProviderValue(scans[r]) ?? DBNull.Value;
                }
            }

            ct.ThrowIfCancellationRequested();
            // Microsoft.Data.Sqlite runs synchronously anyway: an async wrapper per row only adds cost.
            inserted += cmd.ExecuteNonQuery();
        }

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return inserted;
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping)
    {
        private readonly IClrPropertyGetter _getter = Property.GetGetter();

        public object? ModelValue(object entity) => _getter.GetClrValueUsingContainingEntity(entity);

        public object? ProviderValue(object entity)
        {
            var value = _getter.GetClrValueUsingContainingEntity(entity);
            return value is null ? null : Mapping.Converter is { } c ? c.ConvertToProvider(value) : value;
        }
    }

    private sealed record Statements(
        string Postgres, string PostgresIgnoringDuplicates, string PostgresSkippingKnownIds, string Sqlite, string SqliteSkippingKnownIds, Column[] Columns)
    {
        // The order the PostgreSQL statement's arrays come in.
        private static readonly string[] Order =
            [nameof(Scan.Id), nameof(Scan.VenueId), nameof(Scan.Subject), nameof(Scan.ScannedAt), nameof(Scan.ReceivedAt), nameof(Scan.Colour), nameof(Scan.Kid), nameof(Scan.Mode)];

        public static Statements For(YiwangDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(Scan))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var properties = entity.GetProperties().ToList();
            if (properties.Count != Order.Length || properties.Any(p => !Order.Contains(p.Name)))
            {
                // A column added to Scan must be written here too, or every upload would fail on it.
                throw new InvalidOperationException("ScanStore writes " + string.Join(", ", Order) + "; Scan now has " + string.Join(", ", properties.Select(p => p.Name)));
            }

            var columns = Order.Select(name => entity.FindProperty(name)!).Select(p => new Column(p, p.GetRelationalTypeMapping())).ToArray();
            var names = string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""));
            var qualified = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
            var key = string.Join(", ", entity.FindPrimaryKey()!.Properties.Select(p => $"\"{p.GetColumnName(table)}\""));
            var unnest = "unnest(@id, @venue, @subject, @scanned, @received, @colour, @kid, @mode)";
            var insert = $"INSERT INTO {qualified} ({names}) SELECT * FROM {unnest}";
            string Of(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
            var (id, at) = (Of(nameof(Scan.Id)), Of(nameof(Scan.ScannedAt)));
            var sqliteValues = string.Join(", ", columns.Select((_, i) => "$p" + i));
            return new Statements(
                insert,
                $"{insert} ON CONFLICT ({key}) DO NOTHING",
                $"INSERT INTO {qualified} ({names}) SELECT * FROM {unnest} AS u({names}) " +
                $"WHERE NOT EXISTS (SELECT 1 FROM {qualified} s WHERE s.{id} = u.{id} AND s.{at} BETWEEN u.{at} - @within AND u.{at} + @within " +
                $"AND s.{at} BETWEEN @lo AND @hi) " +
                $"ON CONFLICT ({key}) DO NOTHING",
                $"INSERT OR IGNORE INTO {qualified} ({names}) VALUES ({sqliteValues})",
                // $p0 is the id (Order): the key's leading column finds it.
                $"INSERT OR IGNORE INTO {qualified} ({names}) SELECT {sqliteValues} WHERE NOT EXISTS (SELECT 1 FROM {qualified} WHERE {id} = $p0)",
                columns);
        }
    }
}
