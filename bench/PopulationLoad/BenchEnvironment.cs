using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>The machine and software a run was measured on, for the report.</summary>
internal sealed record BenchEnvironment(
    DateTimeOffset Started, int Processors, string Cpu, string Memory, string Os, string Runtime, bool ServerGc, string Postgres, string Commit,
    string LoadAtStart, string LoadAtEnd)
{
    /// <summary>The 1-minute load average: anything else running on the machine shows here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static BenchEnvironment Read(string repo, string postgres, DateTimeOffset started, string loadAtStart) => new(
        started,
        Environment.ProcessorCount,
        ProcInfo("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        MemTotal(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        postgres,
        Git(repo, "describe", "--always", "--dirty") ?? "?",
        loadAtStart,
        LoadAverage());

    private static string MemTotal()
    {
        // "24684092 kB"
        var kb = ProcInfo("/proc/meminfo", "MemTotal")?.Split(' ')[0];
        return long.TryParse(kb, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? (v / 1048576.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " GiB"
            : "?";
    }

    private static string? ProcInfo(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string? Git(string repo, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-C");
            psi.ArgumentList.Add(repo);
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi);
            if (p is null)
            {
                return null;
            }

            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
