namespace Yiwang.Bench.HealthCodes;

/// <summary>
/// CPU time (user + system, from /proc) of the host process, of every PostgreSQL process and of this load generator,
/// between two readings: where the two cores went during a timed phase. Linux only; elsewhere it reads zeros.
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    private readonly int _host;
    private readonly (double Host, double Postgres, double Self) _start;

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
        return (end.Host - _start.Host, end.Postgres - _start.Postgres, end.Self - _start.Self);
    }

    private static (double Host, double Postgres, double Self) Read(int host)
    {
        double postgres = 0;
        if (!Directory.Exists("/proc"))
        {
            return (0, 0, 0);
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "postgres")
                {
                    postgres += Seconds(pid);
                }
            }
            catch (IOException)
            {
                // The process ended between listing and reading.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return (Seconds(host), postgres, Seconds(Environment.ProcessId));
    }

    private static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) in parentheses: utime and stime are the 14th and 15th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
