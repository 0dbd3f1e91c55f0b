using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;
using Yiwang.People.Generation;

namespace Yiwang.People.Data;

/// <summary>
/// Streams households and persons into the database without change tracking: binary COPY on PostgreSQL,
/// one prepared INSERT reused inside the caller's transaction on SQLite. Memory stays flat whatever the count.
/// The caller owns the transaction and writes one audit summary for the whole batch.
/// </summary>
internal static class PersonBulkWriter
{
    private static readonly string[] HouseholdColumns = ["id", "community_code", "street_code", "address"];

    private static readonly string[] PersonColumns =
        ["id", "household_id", "id_number", "name", "sex", "birth_date", "phone", "address", "community_code", "street_code", "relation", "created_at", "updated_at"];

    public static async Task<(long Households, long Persons)> WriteAsync(
        YiwangDbContext db, IEnumerable<GeneratedHousehold> households, DateTimeOffset now, IProgress<long>? progress, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("PersonBulkWriter needs the caller's transaction (and its audit summary).");
        }

        return db.Provider == DatabaseProvider.Postgres
            ? await CopyPostgresAsync(db, households, now, progress, ct)
            : await InsertSqliteAsync(db, households, now, progress, ct);
    }

    private static string Table<T>(YiwangDbContext db)
    {
        var t = db.Model.FindEntityType(typeof(T))!;
        var schema = t.GetSchema();
        return schema is null ? t.GetTableName()! : $"{schema}.{t.GetTableName()}";
    }

    private static async Task<(long, long)> CopyPostgresAsync(
        YiwangDbContext db, IEnumerable<GeneratedHousehold> households, DateTimeOffset now, IProgress<long>? progress, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var utc = now.ToUniversalTime();
        long h = 0, p = 0;

        // Households first (persons reference them), buffered per chunk so each COPY stays a single stream.
        var chunk = new List<GeneratedHousehold>(8192);
        foreach (var hh in households)
        {
            chunk.Add(hh);
            if (chunk.Count == chunk.Capacity)
            {
                (h, p) = await FlushAsync(h, p);
            }
        }

        (h, p) = await FlushAsync(h, p);
        return (h, p);

        async Task<(long, long)> FlushAsync(long hs, long ps)
        {
            if (chunk.Count == 0)
            {
                return (hs, ps);
            }

            await using (var w = await conn.BeginBinaryImportAsync(
                $"COPY {Table<Household>(db)} ({string.Join(',', HouseholdColumns)}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var x in chunk)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                    await w.WriteAsync(x.CommunityCode, NpgsqlDbType.Varchar, ct);
                    await w.WriteAsync(x.StreetCode, NpgsqlDbType.Varchar, ct);
                    await w.WriteAsync(x.Address, NpgsqlDbType.Varchar, ct);
                }

                await w.CompleteAsync(ct);
            }

            await using (var w = await conn.BeginBinaryImportAsync(
                $"COPY {Table<Person>(db)} ({string.Join(',', PersonColumns)}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var x in chunk)
                {
                    foreach (var m in x.Members)
                    {
                        await w.StartRowAsync(ct);
                        await w.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
                        await w.WriteAsync(m.HouseholdId, NpgsqlDbType.Uuid, ct);
                        await w.WriteAsync(m.IdNumber, NpgsqlDbType.Varchar, ct);
                        await w.WriteAsync(m.Name, NpgsqlDbType.Varchar, ct);
                        await w.WriteAsync((short)m.Sex, NpgsqlDbType.Smallint, ct);
                        await w.WriteAsync(m.BirthDate, NpgsqlDbType.Date, ct);
                        if (m.Phone is null)
                        {
                            await w.WriteNullAsync(ct);
                        }
                        else
                        {
                            await w.WriteAsync(m.Phone, NpgsqlDbType.Varchar, ct);
                        }

                        await w.WriteAsync(m.Address, NpgsqlDbType.Varchar, ct);
                        await w.WriteAsync(m.CommunityCode, NpgsqlDbType.Varchar, ct);
                        await w.WriteAsync(m.StreetCode, NpgsqlDbType.Varchar, ct);
                        await w.WriteAsync(m.Relation.ToString(), NpgsqlDbType.Varchar, ct);
                        await w.WriteAsync(utc, NpgsqlDbType.TimestampTz, ct);
                        await w.WriteAsync(utc, NpgsqlDbType.TimestampTz, ct);
                        ps++;
                    }
                }

                await w.CompleteAsync(ct);
            }

            hs += chunk.Count;
            chunk.Clear();
            progress?.Report(ps);
            return (hs, ps);
        }
    }

    private static async Task<(long, long)> InsertSqliteAsync(
        YiwangDbContext db, IEnumerable<GeneratedHousehold> households, DateTimeOffset now, IProgress<long>? progress, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction!.GetDbTransaction();
        await using var hCmd = Prepare(conn, tx, Table<Household>(db), HouseholdColumns);
        await using var pCmd = Prepare(conn, tx, Table<Person>(db), PersonColumns);
        // The text forms EF Core's SQLite provider reads back: upper-case GUIDs, ISO dates, offset timestamps.
        var stamp = now.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        long h = 0, p = 0;
        foreach (var x in households)
        {
            Set(hCmd, Guid(x.Id), x.CommunityCode, x.StreetCode, x.Address);
            await hCmd.ExecuteNonQueryAsync(ct);
            h++;
            foreach (var m in x.Members)
            {
                Set(pCmd, Guid(m.Id), Guid(m.HouseholdId), m.IdNumber, m.Name, (short)m.Sex,
                    m.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (object?)m.Phone ?? DBNull.Value,
                    m.Address, m.CommunityCode, m.StreetCode, m.Relation.ToString(), stamp, stamp);
                await pCmd.ExecuteNonQueryAsync(ct);
                if (++p % 10_000 == 0)
                {
                    progress?.Report(p);
                }
            }
        }

        progress?.Report(p);
        return (h, p);
    }

    private static string Guid(Guid g) => g.ToString().ToUpperInvariant();

    private static DbCommand Prepare(DbConnection conn, DbTransaction tx, string table, string[] columns)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(',', columns)}) VALUES ({string.Join(',', columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Length; i++)
        {
            var prm = cmd.CreateParameter();
            prm.ParameterName = "$p" + i;
            cmd.Parameters.Add(prm);
        }

        cmd.Prepare();
        return cmd;
    }

    private static void Set(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
