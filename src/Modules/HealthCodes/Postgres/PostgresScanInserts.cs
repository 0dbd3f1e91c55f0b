using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Postgres;

/// <summary><see cref="Features.Venues.ScanStore"/>'s PostgreSQL path: a batch as binary arrays through <c>unnest(…)</c>.</summary>
internal static class PostgresScanInserts
{
    public static async Task<int> InsertAsync(
        YiwangDbContext db, string plain, string ignoringDuplicates, string skippingKnownIds, IReadOnlyList<Scan> scans, TimeSpan? sameIdWithin,
        CancellationToken ct)
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
            await using var cmd = new NpgsqlCommand(plain, conn);
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
                cmd.CommandText = skippingKnownIds;
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
                cmd.CommandText = ignoringDuplicates;
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
                cmd.CommandText = ignoringDuplicates;
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
}
