using Microsoft.Data.Sqlite;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>
/// Phase 4f, SQLite's floor for a household-registration load: the households, persons and source records Yiwang's own
/// SQLite import stored (phase 4i) are copied by SQLite itself into a freshly migrated file — <c>INSERT … SELECT … WHERE
/// 1</c> from the attached import, which goes row by row (the WHERE keeps SQLite from copying whole pages, which no
/// import could do) — with the three tables' non-unique indexes dropped first and built again at the end, in one
/// transaction, with the host's own pragmas (WAL, synchronous=NORMAL, 64 MB cache) and foreign keys not checked. No
/// file reading, parsing, validation, resolution or parameter binding: no import into this schema can be cheaper.
/// </summary>
internal static class SqliteFloor
{
    private static readonly string[] Tables = ["households", "persons", "source_records"];

    public static async Task LoadAsync(string floorFile, string importedFile, CancellationToken ct)
    {
        await using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = floorFile, ForeignKeys = false, Pooling = false }.ToString());
        await conn.OpenAsync(ct);
        // The host's settings: WAL (set once at start-up) and what every connection gets.
        await ExecAsync(conn, "PRAGMA journal_mode=WAL; " + Yiwang.Kernel.Data.SqlitePragmas.Statement, ct);
        await ExecAsync(conn, $"ATTACH DATABASE '{importedFile.Replace("'", "''", StringComparison.Ordinal)}' AS src", ct);
        var indexes = new List<(string Name, string Sql)>();
        await using (var list = conn.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' " +
                "AND tbl_name IN ('households', 'persons', 'source_records')";
            await using var r = await list.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                indexes.Add((r.GetString(0), r.GetString(1)));
            }
        }

        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
        foreach (var (name, _) in indexes)
        {
            await ExecAsync(conn, $"DROP INDEX main.\"{name}\"", ct, tx);
        }

        foreach (var table in Tables)
        {
            await ExecAsync(conn, $"INSERT INTO main.\"{table}\" SELECT * FROM src.\"{table}\" WHERE 1", ct, tx);
        }

        foreach (var (_, sql) in indexes)
        {
            await ExecAsync(conn, sql, ct, tx);
        }

        await tx.CommitAsync(ct);
    }

    private static async Task ExecAsync(SqliteConnection conn, string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
