using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Modules;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Yiwang.Command;
using Yiwang.Epidemic;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Features;
using Yiwang.Epidemic.Features.Dashboard;
using Yiwang.Epidemic.Features.Risk;
using Yiwang.Frontline;
using Yiwang.HealthCodes;
using Yiwang.Kernel;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;
using Yiwang.People;
using Yiwang.People.Domain;
using Yiwang.People.Features;
using Yiwang.People.Intake;

namespace Yiwang.Bench.Dashboard;

/// <summary>
/// The dashboard benchmark (issue 4), on a throwaway PostgreSQL cluster: the whole district's population through
/// the intake, N four-category records spread over communities and states (bulk-inserted, counters rebuilt and
/// checked against the records), then (1) every dashboard level through <see cref="DashboardQuery"/> exactly as the
/// API calls it, (2) in the same run the plain GROUP BY of the base tables that counts the same numbers, checked
/// equal, and (3) how long a committed move takes to show on a dashboard that polls the stamp every 500 ms.
/// </summary>
internal static class DashboardBench
{
    private const string Actor = "bench:dashboard";
    private const string District = AccessScope.DistrictCode;

    private sealed record Options(int Persons, int Records, int Calls, int SqlCalls, int Moves);

    private sealed record Timing(string Name, List<double> Ms)
    {
        public double P(double q)
        {
            var sorted = Ms.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.Error.WriteLine("""
                dotnet run -c Release --project bench/Dashboard -- [--persons N] [--records N] [--calls N] [--sql-calls N] [--moves N]
                  --persons    residents loaded through the intake (default 1151644, the 2020 census)
                  --records    four-category records (default 50000)
                  --calls      timed calls per dashboard level (default 300)
                  --sql-calls  timed plain GROUP BY queries per level (default 50)
                  --moves      state changes timed until an open dashboard shows them (default 20)
                Prints a Markdown section for docs/PERFORMANCE.md on stdout, progress on stderr.
                """);
            return 0;
        }

        var o = new Options(Arg(args, "--persons", 1_151_644), Arg(args, "--records", 50_000), Arg(args, "--calls", 300), Arg(args, "--sql-calls", 50), Arg(args, "--moves", 20));
        var repo = RepositoryRoot();
        var pgDir = Path.Combine(Path.GetTempPath(), $"yiwang-bench-dash-{Guid.NewGuid().ToString("N")[..8]}");
        var script = Path.Combine(repo, "scripts", "postgres-throwaway");
        var loadStart = LoadAverage();
        var started = TimeProvider.System.GetUtcNow();
        Log($"starting a throwaway PostgreSQL in {pgDir}");
        var admin = (await RunScriptAsync(script, "start", pgDir)).Trim();
        if (!admin.StartsWith("Host=", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("postgres-throwaway failed");
            return 1;
        }

        try
        {
            await ExecAsync(admin, "CREATE DATABASE yiwang_dash");
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = "yiwang_dash" }.ConnectionString;
            var version = (string)(await ScalarAsync(admin, "SHOW server_version"))!;
            var report = await MeasureAsync(o, cs, version, repo, started, loadStart);
            Console.Out.Write(report);
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await RunScriptAsync(script, "stop", pgDir);
        }
    }

    private static async Task<string> MeasureAsync(Options o, string cs, string pgVersion, string repo, DateTimeOffset started, string loadStart)
    {
        var ct = CancellationToken.None;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Yiwang:Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Yiwang"] = cs,
            ["Yiwang:Seed:Persons"] = "0", // People's seeder stays out: the benchmark loads its own population
        });
        builder.AddModules(Yiwang.Modules.ModuleList.All);
        await using var app = builder.Build();
        var services = app.Services;

        AsyncServiceScope Scope()
        {
            var s = services.CreateAsyncScope();
            s.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(Actor);
            return s;
        }

        var phases = new List<(string, TimeSpan)>();
        var sw = Stopwatch.StartNew();
        await using (var s = Scope())
        {
            var db = s.ServiceProvider.GetRequiredService<YiwangDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.MigrateAsync(ct);
            await JurisdictionSeeder.EnsureAsync(db, ct);
            services.GetRequiredService<JurisdictionDirectory>().Invalidate();
            await SourceCatalog.EnsureDefaultsAsync(db, services.GetRequiredService<TimeProvider>(), ct);
            foreach (var seeder in s.ServiceProvider.GetServices<IReferenceDataSeeder>())
            {
                await seeder.EnsureAsync(s.ServiceProvider, ct);
            }
        }

        Log($"migrated and seeded reference data in {sw.Elapsed.TotalSeconds:F1} s; loading {o.Persons:N0} persons through the intake");
        sw.Restart();
        await using (var s = Scope())
        {
            var db = s.ServiceProvider.GetRequiredService<YiwangDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await PopulationSeeder.SeedAsync(db, s.ServiceProvider.GetRequiredService<IntakeEngine>(), services.GetRequiredService<JurisdictionDirectory>(),
                o.Persons, PopulationSeeder.DefaultSeed, services.GetRequiredService<TimeProvider>(), null, ct);
        }

        phases.Add(("persons through the intake", sw.Elapsed));
        Log($"persons loaded in {sw.Elapsed.TotalSeconds:F1} s; inserting {o.Records:N0} records");

        sw.Restart();
        var persons = await InsertRecordsAsync(Scope, o.Records, ct);
        phases.Add(("records bulk-inserted, counters rebuilt", sw.Elapsed));
        await ExecAsync(cs, "VACUUM ANALYZE");

        // The counters must be exactly the GROUP BY of the records.
        await using (var s = Scope())
        {
            var db = s.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var fromCounters = await db.Set<UnitCaseCount>().Where(u => u.Count != 0).ToDictionaryAsync(u => (u.DiseaseCode, u.CommunityCode, u.State), u => u.Count, ct);
            var fromRecords = await db.Set<EpiCase>().GroupBy(c => new { c.DiseaseCode, c.CommunityCode, c.State })
                .Select(g => new { g.Key.DiseaseCode, g.Key.CommunityCode, g.Key.State, N = g.LongCount() }).ToListAsync(ct);
            Check(fromRecords.Count == fromCounters.Count && fromRecords.All(r => fromCounters.GetValueOrDefault((r.DiseaseCode, r.CommunityCode, r.State)) == r.N),
                "counters equal the GROUP BY of the records");
        }

        sw.Restart();
        await using (var s = Scope())
        {
            await s.ServiceProvider.GetRequiredService<RiskGrader>().ComputeAsync(DistrictTime.Today(TimeProvider.System), ct);
        }

        phases.Add(("risk grades of all 702 units (first computation)", sw.Elapsed));
        sw.Restart();
        await using (var s = Scope())
        {
            await s.ServiceProvider.GetRequiredService<RiskGrader>().ComputeAsync(DistrictTime.Today(TimeProvider.System), ct);
        }

        phases.Add(("risk grades again (unchanged: nothing written)", sw.Elapsed));

        // The three levels: the district, its largest township (前川街道) and that township's community with the most records.
        const string township = "420116001";
        string community;
        await using (var s = Scope())
        {
            var db = s.ServiceProvider.GetRequiredService<YiwangDbContext>();
            community = await db.Set<EpiCase>().Where(c => c.StreetCode == township).GroupBy(c => c.CommunityCode)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
        }

        var levels = new[] { ("District 黄陂区 (20 townships)", District), ("Township 前川街道 (75 communities)", township), ($"Community {community}", community) };
        var rows = new List<(string Level, Timing Dash, Timing Stamp, Timing Sql, long Children)>();
        foreach (var (name, code) in levels)
        {
            Log($"timing {name}");
            for (var i = 0; i < 20; i++)
            {
                await DashboardOnceAsync(Scope, code, ct);
                await SqlOnceAsync(cs, code);
            }

            var dash = new Timing("dashboard", []);
            DashboardQuery.DashboardView? view = null;
            for (var i = 0; i < o.Calls; i++)
            {
                var t = Stopwatch.GetTimestamp();
                view = await DashboardOnceAsync(Scope, code, ct);
                dash.Ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            var stamp = new Timing("stamp", []);
            for (var i = 0; i < o.Calls; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await using var s = Scope();
                await s.ServiceProvider.GetRequiredService<DashboardQuery>().StampAsync(Covid19.Code, code, ct);
                stamp.Ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            var sql = new Timing("group by", []);
            Dictionary<(string, string), long> grouped = [];
            for (var i = 0; i < o.SqlCalls; i++)
            {
                var t = Stopwatch.GetTimestamp();
                grouped = await SqlOnceAsync(cs, code);
                sql.Ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            // Both must count the same numbers.
            var fromDashboard = view!.Children.SelectMany(c => c.States.Where(kv => kv.Value != 0).Select(kv => ((c.Code, kv.Key), kv.Value))).ToDictionary(x => x.Item1, x => x.Value);
            Check(fromDashboard.Count == grouped.Count && grouped.All(g => fromDashboard.GetValueOrDefault(g.Key) == g.Value), $"{name}: dashboard equals the GROUP BY");
            rows.Add((name, dash, stamp, sql, view.Children.Count));
        }

        Log($"timing {o.Moves} moves until a dashboard polling every 500 ms shows them");
        var (detect, visible, immediate) = await LiveAsync(Scope, persons, township, o.Moves, ct);

        return Report(o, pgVersion, repo, started, loadStart, phases, rows, detect, visible, immediate);
    }

    /// <summary>One API call's work: a fresh scope (as a request has), the unit and disease checks, the level.</summary>
    private static async Task<DashboardQuery.DashboardView> DashboardOnceAsync(Func<AsyncServiceScope> scope, string code, CancellationToken ct)
    {
        await using var s = scope();
        var q = s.ServiceProvider.GetRequiredService<DashboardQuery>();
        var unit = await q.UnitAsync(AccessScope.District, code, ct) ?? throw new InvalidOperationException(code);
        var d = await q.DiseaseAsync(null, ct) ?? throw new InvalidOperationException("no disease");
        return await q.LoadAsync(unit, AccessScope.District, d.Row, d.Definition, ct);
    }

    /// <summary>The plain way: the records joined to the persons for their community, grouped by child unit and state.</summary>
    private static async Task<Dictionary<(string, string), long>> SqlOnceAsync(string cs, string code)
    {
        var (unitColumn, filter) = code.Length switch
        {
            6 => ("p.street_code", ""),
            9 => ("p.community_code", "AND p.street_code = @u"),
            _ => ("p.community_code", "AND p.community_code = @u"),
        };
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"""
            SELECT {unitColumn}, c.state, count(*)
            FROM epidemic.cases c JOIN people.persons p ON p.id = c.person_id
            WHERE c.disease_code = @d {filter}
            GROUP BY {unitColumn}, c.state
            """, conn);
        cmd.Parameters.AddWithValue("d", Covid19.Code);
        cmd.Parameters.AddWithValue("u", code);
        var result = new Dictionary<(string, string), long>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            result[(r.GetString(0), r.GetString(1))] = r.GetInt64(2);
        }

        return result;
    }

    /// <summary>
    /// Records for a random sample of residents, in every state of COVID-19 with realistic weights, reported over the
    /// last 30 days, each with its creation transition and (when it moved on) the move into its current state.
    /// Returns residents of 前川街道 without a record, for the live test.
    /// </summary>
    private static async Task<List<Guid>> InsertRecordsAsync(Func<AsyncServiceScope> scope, int count, CancellationToken ct)
    {
        await using var s = scope();
        var db = s.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var all = await db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null)
            .Select(p => new { p.Id, p.CommunityCode, p.StreetCode }).ToListAsync(ct);
        var random = new Random(20200123);
        var sample = all.OrderBy(_ => random.Next()).Take(count).ToList();
        var spare = all.Where(p => p.StreetCode == "420116001").Except(sample).Take(1000).Select(p => p.Id).ToList();
        var def = Covid19.Definition;
        (string State, double Weight)[] weights =
        [
            ("fever", 20), ("fever-cleared", 10), ("suspected", 5), ("excluded", 5), ("contact-traced", 5),
            ("observation-centralised", 15), ("observation-home", 15), ("released", 10), ("confirmed", 3), ("hospitalised", 5),
            ("discharged-monitoring", 4), ("recovered", 2.5), ("deceased", 0.5),
        ];
        var total = weights.Sum(w => w.Weight);
        var now = TimeProvider.System.GetUtcNow();
        var cases = new List<EpiCase>(count);
        var transitions = new List<CaseTransition>(count * 2);
        foreach (var p in sample)
        {
            var x = random.NextDouble() * total;
            var state = weights.First(w => (x -= w.Weight) < 0 || w.State == "deceased").State;
            var st = def.State(state)!;
            var initial = def.InitialStates[st.Category];
            var reported = now.AddMinutes(-random.Next(0, 30 * 24 * 60));
            var since = state == initial ? reported : reported.AddMinutes(random.Next(0, (int)(now - reported).TotalMinutes + 1));
            var id = Guid.CreateVersion7(reported);
            cases.Add(new EpiCase
            {
                Id = id, DiseaseCode = def.Code, PersonId = p.Id, Category = st.Category, State = state, StateSince = since, PhaseSince = since,
                Closed = st.Terminal, CommunityCode = p.CommunityCode, StreetCode = p.StreetCode, ResponsibleUnit = p.CommunityCode,
                ReportedAt = reported, Origin = "bench", CreatedBy = Actor,
            });
            transitions.Add(new CaseTransition { CaseId = id, FromState = "", ToState = initial, At = reported, Actor = Actor, UnitCode = p.CommunityCode });
            if (state != initial)
            {
                transitions.Add(new CaseTransition { CaseId = id, FromState = initial, ToState = state, At = since, Actor = Actor, UnitCode = p.CommunityCode });
            }
        }

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await BulkCopy.InsertAsync(db, cases, ct);
            await BulkCopy.InsertAsync(db, transitions, ct);
            await db.SaveChangesAsync(new AuditRecord("bench-insert", nameof(EpiCase), "*", $"{cases.Count} records, {transitions.Count} transitions"), ct);
            await tx.CommitAsync(ct);
        }

        await CaseCounters.RebuildAsync(db, now.UtcTicks, ct);
        return spare;
    }

    /// <summary>
    /// Moves records through <see cref="CaseWorkflow"/> while a poller does what an open dashboard does: every 500 ms
    /// it reads the stamp and, when it changed, reloads the level. Measures from each move's commit to the poller
    /// seeing the new stamp (detect) and to the reloaded level (visible), and the stamp query right after the commit.
    /// </summary>
    private static async Task<(Timing Detect, Timing Visible, Timing Immediate)> LiveAsync(
        Func<AsyncServiceScope> scope, List<Guid> spare, string township, int moves, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var person in spare.Take(moves))
        {
            await using var s = scope();
            var created = await s.ServiceProvider.GetRequiredService<CaseWorkflow>()
                .CreateAsync(new CaseWorkflow.NewCase(person, null, CaseCategory.FeverPatient, "bench", null), ct);
            Check(created.IsOk, created.Refusal?.ToString() ?? "created");
            ids.Add(created.Value.Id);
        }

        long seenStamp;
        await using (var s = scope())
        {
            seenStamp = await s.ServiceProvider.GetRequiredService<DashboardQuery>().StampAsync(Covid19.Code, township, ct);
        }

        var seenAt = 0L;
        var visibleAt = 0L;
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await using var s = scope();
                var stamp = await s.ServiceProvider.GetRequiredService<DashboardQuery>().StampAsync(Covid19.Code, township, stop.Token);
                if (stamp != Volatile.Read(ref seenStamp))
                {
                    Volatile.Write(ref seenAt, Stopwatch.GetTimestamp());
                    await DashboardOnceAsync(scope, township, stop.Token);
                    Volatile.Write(ref visibleAt, Stopwatch.GetTimestamp());
                    Volatile.Write(ref seenStamp, stamp);
                }
            }
        }, CancellationToken.None);

        var detect = new Timing("detect", []);
        var visible = new Timing("visible", []);
        var immediate = new Timing("immediate", []);
        var random = new Random(7);
        foreach (var id in ids)
        {
            await Task.Delay(random.Next(100, 900), ct);
            Volatile.Write(ref seenAt, 0);
            Volatile.Write(ref visibleAt, 0);
            await using (var s = scope())
            {
                var refusal = (await s.ServiceProvider.GetRequiredService<CaseWorkflow>().MoveAsync(id, "suspected", null, null, ct)).Refusal;
                Check(refusal is null, refusal?.ToString() ?? "moved");
            }

            var committed = Stopwatch.GetTimestamp();
            await using (var s = scope())
            {
                var t = Stopwatch.GetTimestamp();
                await s.ServiceProvider.GetRequiredService<DashboardQuery>().StampAsync(Covid19.Code, township, ct);
                immediate.Ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            while (Volatile.Read(ref visibleAt) == 0)
            {
                await Task.Delay(5, ct);
            }

            detect.Ms.Add(Stopwatch.GetElapsedTime(committed, Volatile.Read(ref seenAt)).TotalMilliseconds);
            visible.Ms.Add(Stopwatch.GetElapsedTime(committed, Volatile.Read(ref visibleAt)).TotalMilliseconds);
        }

        await stop.CancelAsync();
        try
        {
            await poller;
        }
        catch (OperationCanceledException)
        {
        }

        return (detect, visible, immediate);
    }

    private static string Report(
        Options o, string pgVersion, string repo, DateTimeOffset started, string loadStart, List<(string, TimeSpan)> phases,
        List<(string Level, Timing Dash, Timing Stamp, Timing Sql, long Children)> rows, Timing detect, Timing visible, Timing immediate)
    {
        static string F(double v) => v.ToString(v < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Measured {started:yyyy-MM-dd HH:mm} UTC at commit {Git(repo)}; {Environment.ProcessorCount} logical CPUs ({Cpu()}), .NET {Environment.Version}, PostgreSQL {pgVersion} (throwaway cluster, loopback TCP); load average {loadStart} at the start, {LoadAverage()} at the end.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{o.Persons:N0} persons, {o.Records:N0} COVID-19 records; {o.Calls} timed calls per level after 20 warm-up calls, {o.SqlCalls} GROUP BY queries per level.");
        sb.AppendLine();
        sb.AppendLine("| Level | Rows | Dashboard p50 | p95 | p99 | Stamp poll p50 / p95 | Plain GROUP BY p50 | p95 | GROUP BY ÷ dashboard (p50 / p95) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (level, dash, stamp, sql, children) in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {level} | {children} | {F(dash.P(.5))} ms | **{F(dash.P(.95))} ms** | {F(dash.P(.99))} ms | {F(stamp.P(.5))} / {F(stamp.P(.95))} ms | {F(sql.P(.5))} ms | {F(sql.P(.95))} ms | **{sql.P(.5) / dash.P(.5):F1}×** / {sql.P(.95) / dash.P(.95):F1}× |");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"A move's commit → the stamp query right after it sees the change: p50 {F(immediate.P(.5))} ms, max {F(immediate.Ms.Max())} ms.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"A move's commit → a dashboard polling every 500 ms notices it: p50 {F(detect.P(.5))} ms, p95 {F(detect.P(.95))} ms, max {F(detect.Ms.Max())} ms; → the level reloaded: p50 {F(visible.P(.5))} ms, p95 {F(visible.P(.95))} ms, max {F(visible.Ms.Max())} ms ({o.Moves} moves).");
        sb.AppendLine();
        sb.AppendLine("Set-up phases (not part of the claim):");
        foreach (var (name, t) in phases)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {name}: {t.TotalSeconds:F1} s");
        }

        return sb.ToString();
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("check failed: " + what);
        }

        Log("ok: " + what);
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{TimeProvider.System.GetUtcNow():HH:mm:ss}] {message}");

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string Cpu() =>
        File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?" : "?";

    private static string Git(string repo)
    {
        try
        {
            var psi = new ProcessStartInfo("git", ["-C", repo, "describe", "--always", "--dirty"]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yiwang.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (Yiwang.slnx not found).");
    }

    private static async Task<string> RunScriptAsync(string script, string verb, string dir)
    {
        var psi = new ProcessStartInfo("bash", [script, verb, dir]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return stdout;
    }

    private static async Task ExecAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }
}
