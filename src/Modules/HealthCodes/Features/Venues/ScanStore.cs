using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>
/// Writes verified scans in one statement per batch and skips scans already stored, so an upload sent twice — again,
/// at the same time, or to another host — stores each scan once. A scan is its key, (id, scanned_at): PostgreSQL keeps
/// scans in day partitions and a partitioned table's key must contain the partition column (ADR 0014). A batch replay
/// sends both unchanged. Where the server sets the time itself (the online endpoint: a retry arrives later), the caller
/// passes a window and a scan whose id is already stored within it is skipped too (through the key's leading id column,
/// in the day partitions the group's window covers: pruned when the statement is planned). PostgreSQL: one INSERT … SELECT FROM unnest(arrays)
/// ON CONFLICT DO NOTHING (binary arrays, one round trip, atomic). SQLite: a prepared INSERT OR IGNORE per row in one
/// transaction. Durable when this returns (committed). Table and column names come from the EF model.
/// </summary>
/// <remarks>
/// On PostgreSQL a batch first goes in as a plain INSERT, which costs about a sixth less per row than ON CONFLICT's
/// speculative insertion; only when an id is already there (a replay, about 1 batch in many) is it rolled back and
/// sent again with ON CONFLICT DO NOTHING. The server log then shows the duplicate-key error of the first attempt.
/// </remarks>
internal static class ScanStore
{
    // One model per provider (tests run hosts of both in one process).
    private static readonly ConcurrentDictionary<DatabaseProvider, Statements> _statements = new();

    /// <summary>Stores the scans that are new; returns how many that was.</summary>
    /// <param name="sameIdWithin">Also skip a scan whose id is stored with a time at most this far from its own (SQLite:
    /// at any time).</param>
    public static async Task<int> InsertNewAsync(YiwangDbContext db, IReadOnlyList<Scan> scans, CancellationToken ct, TimeSpan? sameIdWithin = null)
    {
        if (scans.Count == 0)
        {
            return 0;
        }

        var statements = _statements.GetOrAdd(db.Provider, _ => Statements.For(db));
        return db.Provider == DatabaseProvider.Postgres
            ? await InsertPostgresAsync(db, statements, scans, sameIdWithin, ct)
            : await InsertSqliteAsync(db, statements, scans, sameIdWithin is not null, ct);
    }

    private static async Task<int> InsertPostgresAsync(YiwangDbContext db, Statements s, IReadOnlyList<Scan> scans, TimeSpan? sameIdWithin, CancellationToken ct)
    {
        var n = scans.Count;
        var ids = new Guid[n];
        var venues = new Guid[n];
        var subjects = new string[n];
        var scannedAt = new DateTimeOffset[n];
        var receivedAt = new DateTimeOffset[n];
        var colours = new short[n];
        var kids = new string[n];
        var modes = new short[n];
        for (var i = 0; i < n; i++)
        {
            var x = scans[i];
            ids[i] = x.Id;
            venues[i] = x.VenueId;
            subjects[i] = x.Subject;
            scannedAt[i] = x.ScannedAt.ToUniversalTime();
            receivedAt[i] = x.ReceivedAt.ToUniversalTime();
            colours[i] = (short)x.Colour;
            kids[i] = x.Kid;
            modes[i] = (short)x.Mode;
        }

        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = conn.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await conn.OpenAsync(ct);
        }

        try
        {
            await using var cmd = new NpgsqlCommand(s.Postgres, conn);
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("id", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = ids });
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("venue", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = venues });
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("subject", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = subjects });
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("scanned", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = scannedAt });
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("received", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = receivedAt });
            cmd.Parameters.Add(new NpgsqlParameter<short[]>("colour", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = colours });
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("kid", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = kids });
            cmd.Parameters.Add(new NpgsqlParameter<short[]>("mode", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = modes });
            // Prepared: parsed once per pooled connection, and the plain insert's plan reused (pg_stat_statements: 201
            // batches, 30 plans); PostgreSQL still plans the retry check below on every call (a custom plan).
            if (sameIdWithin is { } within)
            {
                cmd.CommandText = s.PostgresSkippingKnownIds;
                cmd.Parameters.Add(new NpgsqlParameter<TimeSpan>("within", NpgsqlDbType.Interval) { TypedValue = within });
                // The same bounds for the whole group, as plain parameters: PostgreSQL prunes the day partitions when it
                // plans (it plans this statement each time), instead of planning a probe of every day and pruning per row.
                var (earliest, latest) = (scannedAt.Min(), scannedAt.Max());
                cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("lo", NpgsqlDbType.TimestampTz) { TypedValue = earliest - within });
                cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("hi", NpgsqlDbType.TimestampTz) { TypedValue = latest + within });
                cmd.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
                await cmd.PrepareAsync(ct);
                return await cmd.ExecuteNonQueryAsync(ct);
            }

            // Outside an explicit transaction the statement commits on its own; inside the caller's it joins it (and
            // goes straight to ON CONFLICT: a failed statement would abort the caller's transaction).
            if (db.Database.CurrentTransaction is { } tx)
            {
                cmd.Transaction = (NpgsqlTransaction)tx.GetDbTransaction();
                cmd.CommandText = s.PostgresIgnoringDuplicates;
                await cmd.PrepareAsync(ct);
                return await cmd.ExecuteNonQueryAsync(ct);
            }

            try
            {
                await cmd.PrepareAsync(ct);
                return await cmd.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                cmd.CommandText = s.PostgresIgnoringDuplicates;
                await cmd.PrepareAsync(ct);
                return await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (opened)
            {
                await conn.CloseAsync();
            }
        }
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

    /// <summary>The statements, built once from the model (names, conversions) and checked against it.</summary>
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
