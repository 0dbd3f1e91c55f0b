using System.Globalization;
using System.Text;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>The markdown report: medians per phase, the ratio to the bare COPY, resources, every run's figures.</summary>
internal static class Report
{
    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public static string MiB(long bytes) => (bytes / 1048576.0).ToString("F0", _inv);

    public static string Markdown(BenchOptions options, string[] args, BenchEnvironment env, IReadOnlyList<PhaseResult> results, bool exactPeaks)
    {
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.AppendLine(s.ToString(_inv));

        var phases = Phases.All
            .Select(p => (p.Key, p.Label, Runs: results.Where(r => r.Key == p.Key).OrderBy(r => r.Run).ToList()))
            .Where(p => p.Runs.Count > 0)
            .ToList();
        var median = phases.ToDictionary(p => p.Key, p => Median(p.Runs.Select(r => r.Elapsed.TotalSeconds)));
        var copy = median.GetValueOrDefault(Phases.BareCopy);
        var floor = median.GetValueOrDefault(Phases.Floor);
        var sqliteFloor = median.GetValueOrDefault(Phases.FloorSqlite);

        Line($"");
        Line($"## Population load: {options.Count:N0} persons, PostgreSQL × {options.Runs} (medians), SQLite × {(options.SkipSqlite ? 0 : 1)}");
        Line($"");
        Line($"- Command: `dotnet run -c Release --project bench/PopulationLoad{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")}`");
        Line($"- Machine: {env.Processors} logical CPUs ({env.Cpu}), {env.Memory} RAM; {env.Os}");
        Line($"- .NET: {env.Runtime}, {(env.ServerGc ? "Server" : "Workstation")} GC (as Yiwang.Host)");
        Line($"- PostgreSQL: {env.Postgres}; throwaway cluster (scripts/postgres-throwaway: loopback TCP, fsync, synchronous_commit and full_page_writes off, other settings default)");
        Line($"- Date: {env.Started:yyyy-MM-dd HH:mm} UTC; commit {env.Commit}; 1-minute load average {env.LoadAtStart} at the start (before this benchmark's own work), {env.LoadAtEnd} at the end (this benchmark adds about 1 to 2; more means other work on the machine)");
        Line($"");
        Line($"| Phase | Runs | Median | Min – max | × bare COPY | × floor (2f; SQLite phases: 4f) | Persons/s |");
        Line($"|---|--:|--:|--:|--:|--:|--:|");
        foreach (var (key, label, runs) in phases)
        {
            var m = median[key];
            var persons = runs.Max(r => r.Persons);
            var ratio = persons > 0 && copy > 0 ? (m / copy).ToString("F2", _inv) : "";
            var itsFloor = key.EndsWith("sqlite", StringComparison.Ordinal) ? sqliteFloor : floor;
            var overFloor = persons > 0 && itsFloor > 0 ? (m / itsFloor).ToString("F2", _inv) : "";
            var rate = persons > 0 ? (persons / m).ToString("N0", _inv) : "";
            Line($"| {label} | {runs.Count} | {Seconds(m)} | {Seconds(runs.Min(r => r.Elapsed.TotalSeconds))} – {Seconds(runs.Max(r => r.Elapsed.TotalSeconds))} | {ratio} | {overFloor} | {rate} |");
        }

        Line($"");
        Line($"Resources (medians; memory: the largest of the runs; working set {(exactPeaks ? "peak exact, reset per phase via /proc/self/clear_refs" : "peak sampled every 50 ms")}; managed heap sampled every 50 ms):");
        Line($"");
        Line($"| Phase | Client CPU | Server CPU | WAL written | Output size | Working set: start → peak | Managed heap peak |");
        Line($"|---|--:|--:|--:|--:|--:|--:|");
        foreach (var (key, label, runs) in phases)
        {
            var server = runs.All(r => r.ServerCpu is not null) ? Seconds(Median(runs.Select(r => r.ServerCpu!.Value.TotalSeconds))) : "";
            var wal = runs.All(r => r.WalBytes is not null) ? $"{MiB((long)Median(runs.Select(r => (double)r.WalBytes!.Value)))} MiB" : "";
            var size = runs.All(r => r.Bytes is not null) ? $"{MiB((long)Median(runs.Select(r => (double)r.Bytes!.Value)))} MiB" : "";
            Line($"| {label} | {Seconds(Median(runs.Select(r => r.ClientCpu.TotalSeconds)))} | {server} | {wal} | {size} | {MiB((long)Median(runs.Select(r => (double)r.Memory.StartWorkingSet)))} → {MiB(runs.Max(r => r.Memory.PeakWorkingSet))} MiB | {MiB(runs.Max(r => r.Memory.PeakManagedHeap))} MiB |");
        }

        Line($"");
        Line($"Process peak working set over all phases: {MiB(results.Max(r => r.Memory.PeakWorkingSet))} MiB.");
        Line($"");
        var maxRuns = phases.Max(p => p.Runs.Count);
        sb.Append("| Phase, seconds per run |");
        for (var i = 1; i <= maxRuns; i++)
        {
            sb.Append(_inv, $" {i} |");
        }

        sb.AppendLine().Append("|---|").Append(string.Concat(Enumerable.Repeat("--:|", maxRuns))).AppendLine();
        foreach (var (_, label, runs) in phases)
        {
            sb.Append(_inv, $"| {label} |");
            for (var i = 1; i <= maxRuns; i++)
            {
                var r = runs.FirstOrDefault(x => x.Run == i);
                sb.Append(_inv, $" {(r is null ? "" : Seconds(r.Elapsed.TotalSeconds))} |");
            }

            sb.AppendLine();
        }

        WhereTimeGoes(sb, median, results);
        return sb.ToString();
    }

    /// <summary>Differences of medians, and the intake's own timings: rough, but enough to tell the parts apart.</summary>
    private static void WhereTimeGoes(StringBuilder sb, Dictionary<string, double> m, IReadOnlyList<PhaseResult> results)
    {
        if (!m.TryGetValue(Phases.SeedPostgres, out var seed))
        {
            return;
        }

        void Line(FormattableString s) => sb.AppendLine(s.ToString(_inv));
        Line($"");
        Line($"Where the PostgreSQL time goes (medians, and differences of medians):");
        Line($"");
        var seeds = results.Where(r => r.Key == Phases.SeedPostgres && r.ServerCpu is not null).ToList();
        if (seeds.Count > 0)
        {
            var client = Median(seeds.Select(r => r.ClientCpu.TotalSeconds));
            var server = Median(seeds.Select(r => r.ServerCpu!.Value.TotalSeconds));
            Line($"- CPU during the seed: client {Seconds(client)}, server {Seconds(server)}, for {Seconds(seed)} of wall time");
        }

        foreach (var key in new[] { Phases.SeedPostgres, Phases.ImportPostgres, Phases.ReimportPostgres, Phases.ImportSqlite, Phases.ReimportSqlite })
        {
            var timed = results.Where(r => r.Key == key && r.Intake is not null).Select(r => r.Intake!.Value).ToList();
            if (timed.Count == 0)
            {
                continue;
            }

            double Ms(Func<IntakeTimings, long> f) => Median(timed.Select(t => (double)f(t))) / 1000;
            var total = Ms(t => t.Total);
            var rest = Median(timed.Select(t => (double)(t.Total - t.Lookups - t.Resolve - t.Writes))) / 1000;
            Line($"- `{key}`, the intake's own timings: lookups {Seconds(Ms(t => t.Lookups))}, resolve {Seconds(Ms(t => t.Resolve))}, writes {Seconds(Ms(t => t.Writes))}, reading + validating (+ generating) {Seconds(rest)}, of {Seconds(total)}");
        }

        if (m.TryGetValue(Phases.GenerateOnly, out var gen))
        {
            Line($"- generation alone: {Seconds(gen)} = {100 * gen / seed:F0} % of the seed");
            if (m.TryGetValue(Phases.Csv, out var csv))
            {
                Line($"- CSV formatting and writing on top of generation: {Seconds(csv - gen)}");
            }
        }

        if (m.TryGetValue(Phases.ImportPostgres, out var import))
        {
            Line($"- import of the CSV file − seed from the generator: {Seconds(import - seed)}");
        }

        if (m.TryGetValue(Phases.SeedPostgresNoIndexes, out var noIdx))
        {
            Line($"- non-unique indexes and foreign keys (seed − seed without them): {Seconds(seed - noIdx)} = {100 * (seed - noIdx) / seed:F0} %");
            if (m.TryGetValue(Phases.RecreateIndexes, out var rebuild))
            {
                Line($"- load without them, then recreate them: {Seconds(noIdx)} + {Seconds(rebuild)} = {Seconds(noIdx + rebuild)}, against {Seconds(seed)} maintaining them row by row");
            }
        }
    }

    private static string Seconds(double s) => s.ToString(s < 10 ? "F2" : "F1", _inv) + " s";

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0)
        {
            return 0;
        }

        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }
}
