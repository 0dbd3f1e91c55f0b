using System.Diagnostics;
using System.Globalization;

namespace Yiwang.Bench;

/// <summary>Reads <c>/proc/PID/stat</c> (Linux): parent and CPU ticks of a process we do not own. Shared by the benchmarks (linked into each project).</summary>
internal static class ProcStat
{
    private static readonly Lazy<long> _ticksPerSecond = new(ReadTicksPerSecond);

    public readonly record struct Stat(int ParentPid, long CpuTicks);

    public static bool TryRead(int pid, out Stat stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false; // ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) state ppid ... utime stime ...": comm may hold spaces, so split after its closing parenthesis.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        var f = text[(close + 2)..].Split(' ');
        // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
        if (f.Length < 13
            || !int.TryParse(f[1], CultureInfo.InvariantCulture, out var ppid)
            || !long.TryParse(f[11], CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(f[12], CultureInfo.InvariantCulture, out var stime))
        {
            return false;
        }

        stat = new Stat(ppid, utime + stime);
        return true;
    }

    public static TimeSpan ToTime(long ticks) => TimeSpan.FromSeconds((double)ticks / _ticksPerSecond.Value);

    private static long ReadTicksPerSecond()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            if (p is not null && long.TryParse(p.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture, out var hz) && hz > 0)
            {
                p.WaitForExit();
                return hz;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no getconf: Linux's usual value below
        }

        return 100;
    }
}
