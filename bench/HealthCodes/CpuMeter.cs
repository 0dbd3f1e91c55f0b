namespace Yiwang.Bench.HealthCodes;

/// <summary>
/// CPU time (user + system, from /proc through <see cref="ProcStat"/>) of the host process, of every PostgreSQL
/// process and of this load generator, between two readings: where the two cores went during a timed phase. PostgreSQL
/// is found by process name, so it also works with <c>--connection</c> to a local server. Linux only; elsewhere zeros.
/// </summary>
internal sealed class CpuMeter
{
    private readonly int _host;
    private readonly (long Host, long Postgres, long Self) _start;

    private CpuMeter(int host)
    {
        _host = host;
        _start = Read(host);
    }

    public static CpuMeter Start(int hostPid) => new(hostPid);

    /// <summary>Seconds of CPU used since the start: the host, PostgreSQL (all its processes), the load generator.</summary>
    public (double Host, double Postgres, double Self) Stop()
    {
        var end = Read(_host);
        static double Seconds(long ticks) => ProcStat.ToTime(ticks).TotalSeconds;
        return (Seconds(end.Host - _start.Host), Seconds(end.Postgres - _start.Postgres), Seconds(end.Self - _start.Self));
    }

    private static (long Host, long Postgres, long Self) Read(int host)
    {
        if (!Directory.Exists("/proc"))
        {
            return (0, 0, 0);
        }

        long postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && IsPostgres(dir) && ProcStat.TryRead(pid, out var stat))
            {
                postgres += stat.CpuTicks;
            }
        }

        return (Ticks(host), postgres, Ticks(Environment.ProcessId));
    }

    private static long Ticks(int pid) => ProcStat.TryRead(pid, out var stat) ? stat.CpuTicks : 0;

    private static bool IsPostgres(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "postgres";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the process ended between listing and reading
        }
    }
}
