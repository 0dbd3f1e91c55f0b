using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>
/// A PostgreSQL cluster of <c>scripts/postgres-throwaway</c> (loopback, fsync off), with what the benchmark
/// needs from it: fresh databases, checkpoints, WAL position and the CPU time of the server's processes.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _dir;

    private ThrowawayPostgres(string script, string dir, string connectionString)
    {
        _script = script;
        _dir = dir;
        ConnectionString = connectionString;
    }

    /// <summary>The maintenance database <c>postgres</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync(string script, string dir, CancellationToken ct)
    {
        var (code, stdout) = await RunScriptAsync(script, "start", dir, ct);
        var cs = stdout.Trim();
        if (code != 0 || !cs.StartsWith("Host=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{script} start {dir} failed (exit {code}); see the messages above.");
        }

        return new ThrowawayPostgres(script, dir, cs);
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public async Task<string> ServerVersionAsync(CancellationToken ct) =>
        (string)(await ScalarAsync(ConnectionString, "SELECT version()", ct))!;

    /// <summary>Drops the database if it exists and creates it empty.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await DropDatabaseAsync(name, ct);
        await ExecuteAsync(ConnectionString, $"CREATE DATABASE {name}", ct);
    }

    public async Task DropDatabaseAsync(string name, CancellationToken ct)
    {
        // Pooled connections (EF Core's, the bare COPY's) would otherwise hold the database open.
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(ConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", ct);
    }

    /// <summary>Flushes the previous phase's dirty pages so they are not written during the next one.</summary>
    public Task CheckpointAsync(CancellationToken ct) => ExecuteAsync(ConnectionString, "CHECKPOINT", ct);

    /// <summary>The current WAL insert position, in bytes.</summary>
    public async Task<long> WalPositionAsync(CancellationToken ct) =>
        Convert.ToInt64(await ScalarAsync(ConnectionString, "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint", ct), CultureInfo.InvariantCulture);

    public static async Task<object?> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync(ct);
    }

    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// CPU time (user + system) of the postmaster and all its children: backends, WAL writer, checkpointer and
    /// background writer. A process that ends between two readings takes its share with it, which for a
    /// phase's own backend (alive throughout) does not happen.
    /// </summary>
    public TimeSpan ServerCpuTime()
    {
        var pidFile = Path.Combine(_dir, "data", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var postmaster))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(proc);
            if (!int.TryParse(name, CultureInfo.InvariantCulture, out var pid) || !ProcStat.TryRead(pid, out var stat))
            {
                continue;
            }

            if (pid == postmaster || stat.ParentPid == postmaster)
            {
                ticks += stat.CpuTicks;
            }
        }

        return ProcStat.ToTime(ticks);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunScriptAsync(_script, "stop", _dir, CancellationToken.None);
    }

    /// <summary>Runs the script; its stderr goes straight to ours, its stdout is returned.</summary>
    private static async Task<(int Code, string Stdout)> RunScriptAsync(string script, string verb, string dir, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(verb);
        psi.ArgumentList.Add(dir);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
        var stdout = await p.StandardOutput.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        return (p.ExitCode, stdout);
    }
}
