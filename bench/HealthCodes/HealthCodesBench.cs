using Yiwang.Kernel.Modules;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Yiwang.Command;
using Yiwang.Epidemic;
using Yiwang.Frontline;
using Yiwang.HealthCodes;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Citizens;
using Yiwang.HealthCodes.Features.Tracing;
using Yiwang.Kernel;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.People;
using Yiwang.People.Domain;
using Yiwang.People.Features;
using Yiwang.People.Intake;

namespace Yiwang.Bench.HealthCodes;

/// <summary>
/// The health-code benchmark (issue 5) on PostgreSQL: the whole district (residents through the intake, their subject
/// links, venues) and N scans over the last 14 days loaded with COPY, then, each beside its reference in the same run:
/// (a) bare ES256 verification on every core — the reference for (b) and (c); (b) batch upload of freshly issued codes to
/// the real host; (c) online verify-and-record with concurrent clients; (d) exposure tracing of new cases against the
/// plain indexed SQL self-join (checked to find the same persons); (e) code issuance.
/// </summary>
internal static class HealthCodesBench
{
    private const string Actor = "bench:healthcodes";
    private const string DemoPassword = "Bench-Password-1";

    internal sealed record Options(
        long Scans, int Persons, int Venues, int Days, int Cases, int ApiCases, int Batches, int WarmupBatches, int Uploaders, int Online, int Clients,
        int Codes, int IssueWorkers, double ReferenceSeconds, int SharedBuffersMb, string? Connection, bool Keep);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.Error.WriteLine("""
                dotnet run -c Release --project bench/HealthCodes -- [options]
                  --scans N          scans stored before measuring (default 20000000: 14 days of the district)
                  --persons N        residents loaded through the intake (default 1151644)
                  --venues N         venues (default 20000)
                  --days N           days the scans cover (default 14)
                  --cases N          new cases traced, timed (default 100)
                  --api-cases N      of those, also traced through the host's API (default 20)
                  --batches N        batches of 1000 freshly issued codes uploaded, timed (default 300)
                  --warmup-batches N batches uploaded the same way before the clock starts (default 400; see (b))
                  --uploaders N      concurrent batch uploaders (default 4)
                  --online N         online verify-and-record requests (default 40000)
                  --clients N        concurrent online clients, one scanner device at its venue each (default 128)
                  --codes N          codes issued (default 50000), by --issue-workers N workers (default 8)
                  --reference-seconds S   length of each verify round (default 3; three rounds of each before and after the HTTP phases)
                  --shared-buffers-mb N   the throwaway cluster's shared_buffers (default: the cluster's own, 128 MB; a quarter
                                     of the RAM made the online phase slower here, see docs/PERFORMANCE.md)
                  --connection CS    use this PostgreSQL database instead of a throwaway cluster; if it already holds the
                                     benchmark's data (same --persons and --scans), loading is skipped
                  --keep             leave the throwaway cluster running (prints its directory and connection string)
                Prints a Markdown section for docs/PERFORMANCE.md on stdout, progress on stderr.
                """);
            return 0;
        }

        var o = new Options(
            Long(args, "--scans", 20_000_000), Int(args, "--persons", 1_151_644), Int(args, "--venues", 20_000), Int(args, "--days", 14),
            Int(args, "--cases", 100), Int(args, "--api-cases", 20), Int(args, "--batches", 300), Int(args, "--warmup-batches", 400), Int(args, "--uploaders", 4),
            Int(args, "--online", 40_000), Int(args, "--clients", 128), Int(args, "--codes", 50_000), Int(args, "--issue-workers", 8),
            double.Parse(Arg(args, "--reference-seconds") ?? "3", CultureInfo.InvariantCulture),
            Int(args, "--shared-buffers-mb", 0), Arg(args, "--connection"), args.Contains("--keep"));
        var repo = RepositoryRoot();
        var started = TimeProvider.System.GetUtcNow();
        var loadStart = LoadAverage();
        string? pgDir = null;
        var script = Path.Combine(repo, "scripts", "postgres-throwaway");
        string cs;
        if (o.Connection is { } given)
        {
            cs = given;
        }
        else
        {
            pgDir = Path.Combine(Path.GetTempPath(), $"yiwang-bench-hc-{Guid.NewGuid().ToString("N")[..8]}");
            Log($"starting a throwaway PostgreSQL in {pgDir}");
            var admin = (await RunScriptAsync(script, "start", pgDir, o.SharedBuffersMb > 0 ? $"-c shared_buffers={o.SharedBuffersMb}MB" : null)).Trim();
            if (!admin.StartsWith("Host=", StringComparison.Ordinal))
            {
                Console.Error.WriteLine("postgres-throwaway failed");
                return 1;
            }

            await ExecAsync(admin, "CREATE DATABASE yiwang_hc");
            cs = new NpgsqlConnectionStringBuilder(admin) { Database = "yiwang_hc", MaxPoolSize = 150 }.ConnectionString;
        }

        try
        {
            Console.Out.Write(await MeasureAsync(o, cs, repo, started, loadStart));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (pgDir is not null)
            {
                if (o.Keep)
                {
                    Log($"kept the cluster: {pgDir} — {cs}   (stop it with scripts/postgres-throwaway stop {pgDir})");
                }
                else
                {
                    await RunScriptAsync(script, "stop", pgDir);
                }
            }
        }
    }

    private static async Task<string> MeasureAsync(Options o, string cs, string repo, DateTimeOffset started, string loadStart)
    {
        var ct = CancellationToken.None;
        // One subject secret for this process and the host, so the links written here match the codes the host verifies.
        var secret = SHA256.HashData(Encoding.UTF8.GetBytes("yiwang-bench-subject-secret"));
        var settings = new Dictionary<string, string>
        {
            ["Yiwang:HealthCodes:SubjectSecret"] = Convert.ToBase64String(secret),
            ["Yiwang:Seed:DemoPassword"] = DemoPassword,
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)))
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
        string pgVersion;
        string sharedBuffers;
        bool loaded;
        await using (var s = Scope())
        {
            var db = s.ServiceProvider.GetRequiredService<YiwangDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.MigrateAsync(ct);
            await JurisdictionSeeder.EnsureAsync(db, ct);
            services.GetRequiredService<JurisdictionDirectory>().Invalidate();
            await SourceCatalog.EnsureDefaultsAsync(db, services.GetRequiredService<TimeProvider>(), ct);
            await DemoAccounts.EnsureAsync(s.ServiceProvider.GetRequiredService<UserManager<Account>>(), DemoPassword);
            foreach (var seeder in s.ServiceProvider.GetServices<IReferenceDataSeeder>())
            {
                await seeder.EnsureAsync(s.ServiceProvider, ct);
            }

            pgVersion = (string)(await ScalarAsync(cs, "SHOW server_version"))!;
            sharedBuffers = (string)(await ScalarAsync(cs, "SHOW shared_buffers"))!;
            var persons = await db.Set<Person>().LongCountAsync(ct);
            var scans = await db.Set<Scan>().LongCountAsync(ct);
            loaded = persons >= o.Persons && scans >= o.Scans;
            if (!loaded && (persons > 0 || scans > 0))
            {
                throw new InvalidOperationException($"the database holds {persons} persons and {scans} scans, not the benchmark's data: use an empty one");
            }
        }

        District district;
        var kid = (await services.GetRequiredService<SigningKeyService>().PublishedAsync(ct))[0].Kid;
        if (!loaded)
        {
            Log($"migrated and seeded reference data in {sw.Elapsed.TotalSeconds:F1} s; loading {o.Persons:N0} persons through the intake");
            sw.Restart();
            await using (var s = Scope())
            {
                var db = s.ServiceProvider.GetRequiredService<YiwangDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                await PopulationSeeder.SeedAsync(db, s.ServiceProvider.GetRequiredService<IntakeEngine>(), services.GetRequiredService<JurisdictionDirectory>(),
                    o.Persons, PopulationSeeder.DefaultSeed, services.GetRequiredService<TimeProvider>(), null, ct);
            }

            phases.Add(($"{o.Persons:N0} persons through the intake", sw.Elapsed));
            sw.Restart();
            await using (var s = Scope())
            {
                district = await District.BuildAsync(s.ServiceProvider.GetRequiredService<YiwangDbContext>(), o.Venues, secret, write: true, Log, ct);
            }

            phases.Add(($"{district.PersonIds.Length:N0} subject links, {district.Venues.Length:N0} venues, colour rows (COPY)", sw.Elapsed));
            Log($"writing {o.Scans:N0} scans over {o.Days} days");
            sw.Restart();
            (TimeSpan Copy, TimeSpan Indexes) load;
            await using (var s = Scope())
            {
                load = await district.WriteScansAsync(s.ServiceProvider.GetRequiredService<YiwangDbContext>(), o.Scans, o.Days, Kernel.Time.DistrictTime.Today(TimeProvider.System), kid, Log, ct);
            }

            phases.Add(($"{o.Scans:N0} scans generated and written (COPY {load.Copy.TotalSeconds:F0} s, primary key and indexes {load.Indexes.TotalSeconds:F0} s)", sw.Elapsed));
            sw.Restart();
            await ExecAsync(cs, "VACUUM ANALYZE");
            phases.Add(("VACUUM ANALYZE", sw.Elapsed));
        }
        else
        {
            Log("the database already holds the benchmark's data: loading skipped");
            await using var s = Scope();
            district = await District.BuildAsync(s.ServiceProvider.GetRequiredService<YiwangDbContext>(), o.Venues, secret, write: false, Log, ct);
        }

        // The load leaves gigabytes of dirty pages in shared_buffers; flushed now, not by a checkpoint that would fall
        // in the middle of a timed phase (with a quarter of the RAM as shared_buffers it did: PostgreSQL's CPU per
        // online scan tripled).
        sw.Restart();
        await ExecAsync(cs, "CHECKPOINT");
        phases.Add(("CHECKPOINT", sw.Elapsed));

        var tableSize = (string)(await ScalarAsync(cs, "SELECT pg_size_pretty(sum(pg_total_relation_size(relid))) FROM pg_partition_tree('healthcodes.scans')"))!;
        var keys = services.GetRequiredService<SigningKeyService>();
        var published = (await keys.PublishedAsync(ct))[0];
        var trusted = SigningKeyService.ToTrusted(published);
        var random = new Random(8848);
        var report = new Report(o with { Venues = district.Venues.Length, Persons = district.PersonIds.Length }, pgVersion, sharedBuffers, tableSize, repo, started, loadStart, phases);

        // (a) The reference, measured before and after the HTTP phases; the ratios use their mean.
        Log("issuing reference codes");
        var referenceCodes = await IssueManyAsync(keys, district, 20_000, random, ct);
        var prepared = VerifyReference.Prepare(referenceCodes);
        var span = TimeSpan.FromSeconds(o.ReferenceSeconds);
        (report.BareBefore, report.Pipeline) = VerifyReference.Alternating(prepared, referenceCodes, trusted, span);
        Log($"(a) bare ES256 {report.BareBefore:N0}/s on {Environment.ProcessorCount} cores; whole offline pipeline {report.Pipeline:N0}/s");

        await using (var host = await HostProcess.StartAsync(repo, cs, settings, Log))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(2),
            };
            // Tracing first, on the loaded data as it is: the uploads below add scans at the current hour.
            await TracingAsync(Scope, host, district, o, random, report, ct);
            try
            {
                await UploadAsync(http, host, keys, district, o, random, report, ct);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                report.UploadMissing = "failed: " + e.Message;
                Log("(b) " + report.UploadMissing);
            }

            try
            {
                await OnlineAsync(http, host, keys, district, o, random, report, ct);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                report.OnlineMissing = "failed: " + e.Message;
                Log("(c) " + report.OnlineMissing);
            }


            if (host.Exited)
            {
                Log("the host stopped during the run: see its output file");
            }

        }

        (report.BareAfter, _) = VerifyReference.Alternating(prepared, referenceCodes, trusted, span);
        Log($"(a) again: bare ES256 {report.BareAfter:N0}/s");
        await IssuanceAsync(Scope, district, o, random, report, ct);
        return report.Render();
    }

    /// <summary>Codes issued now by the server's signing service (the active key) to residents who scan.</summary>
    private static async Task<string[]> IssueManyAsync(SigningKeyService keys, District district, int n, Random random, CancellationToken ct)
    {
        var persons = Enumerable.Range(0, n).Select(_ => district.PersonIds[district.SampleActive(random)]).ToArray();
        var codes = new string[n];
        await Parallel.ForAsync(0, n, ct, async (i, token) => codes[i] = await keys.IssueAsync(CodeColour.Green, persons[i], null, token));
        return codes;
    }

    /// <summary>
    /// (b) Venues upload batches of 1000 scans of freshly issued codes (issued before the clock starts), several venues
    /// at once; the host verifies every code again and stores the scans. Scans stored per second of wall time, timed
    /// after a warm-up round of the same kind (a freshly started host spends its first seconds of uploads compiling the
    /// hot paths again at higher tiers: 0.3–0.6 s of JIT per second, measured with dotnet-counters), which is measured
    /// and reported as well. The CPU the host, PostgreSQL and this load generator used in the timed round is reported
    /// per scan.
    /// </summary>
    private static async Task UploadAsync(HttpClient http, HostProcess host, SigningKeyService keys, District district, Options o, Random random, Report report, CancellationToken ct)
    {
        async Task<(int Venue, byte[] Body)> BatchAsync()
        {
            var codes = await IssueManyAsync(keys, district, 1000, random, ct);
            var at = TimeProvider.System.GetUtcNow();
            var scans = codes.Select((qr, i) => new { id = Guid.CreateVersion7(at.AddMilliseconds(i)), qr, scannedAt = at.AddMilliseconds(i) }).ToList();
            return (random.Next(district.Venues.Length), JsonSerializer.SerializeToUtf8Bytes(new { scans }, JsonSerializerOptions.Web));
        }

        var first = await BatchAsync();
        var probe = await PostBatchAsync(http, district, first.Venue, first.Body, ct);
        if (probe.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            report.UploadMissing = "the host has no batch upload endpoint (POST /api/health-codes/venues/{code}/scans) in this build";
            Log("(b) " + report.UploadMissing);
            return;
        }

        Check(probe.Status == HttpStatusCode.OK && probe.Stored == 1000, $"first batch stored ({probe.Status}, {probe.Stored} stored, {probe.Refused} refused)");
        Log($"(b) issuing {(o.WarmupBatches + o.Batches) * 1000:N0} codes for the upload");
        var warmup = new List<(int Venue, byte[] Body)>(o.WarmupBatches);
        for (var b = 0; b < o.WarmupBatches; b++)
        {
            warmup.Add(await BatchAsync());
        }

        var bodies = new List<(int Venue, byte[] Body)>(o.Batches);
        for (var b = 0; b < o.Batches; b++)
        {
            bodies.Add(await BatchAsync());
        }

        async Task<(double Rate, long Stored, long Refused, long Duplicates, Timing Latency)> RoundAsync(List<(int Venue, byte[] Body)> round)
        {
            var next = -1;
            long stored = 0, refused = 0, duplicates = 0;
            var latency = new Timing();
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, o.Uploaders).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < round.Count)
                {
                    var t = Stopwatch.GetTimestamp();
                    var r = await PostBatchAsync(http, district, round[i].Venue, round[i].Body, ct);
                    latency.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    Check(r.Status == HttpStatusCode.OK, $"batch accepted ({r.Status})", quiet: true);
                    Interlocked.Add(ref stored, r.Stored);
                    Interlocked.Add(ref refused, r.Refused);
                    Interlocked.Add(ref duplicates, r.Duplicates);
                }
            }, ct)));
            wall.Stop();
            Check(refused == 0 && stored == round.Count * 1000L, $"(b) every scan stored ({stored:N0} stored, {refused} refused, {duplicates} duplicates)");
            return (stored / wall.Elapsed.TotalSeconds, stored, refused, duplicates, latency);
        }

        if (warmup.Count > 0)
        {
            report.UploadWarmup = (await RoundAsync(warmup)).Rate;
            Log($"(b) warm-up round: {report.UploadWarmup:N0} scans/s");
        }

        var cpu = CpuMeter.Start(host.Pid);
        report.Upload = await RoundAsync(bodies);
        report.UploadCpu = cpu.Stop();

        // A replayed batch stores nothing twice.
        var replay = await PostBatchAsync(http, district, bodies[1].Venue, bodies[1].Body, ct);
        Check(replay.Stored == 0 && replay.Duplicates == 1000, "(b) a replayed batch is all duplicates");
        Log($"(b) {report.Upload.Value.Rate:N0} scans/s");
    }

    private static async Task<(HttpStatusCode Status, int Stored, int Duplicates, int Refused)> PostBatchAsync(
        HttpClient http, District district, int venue, byte[] body, CancellationToken ct)
    {
        var v = district.Venues[venue];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/health-codes/venues/{v.Code}/scans") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Venue-Key", v.Key);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, 0, 0, 0);
        }

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        return (response.StatusCode, json.GetProperty("stored").GetInt32(), json.GetProperty("duplicates").GetInt32(), json.GetProperty("refused").GetArrayLength());
    }

    /// <summary>(c) Scanners that cannot verify offline: one request per scan, many at once; the answer comes once the scan is stored.</summary>
    private static async Task OnlineAsync(HttpClient http, HostProcess host, SigningKeyService keys, District district, Options o, Random random, Report report, CancellationToken ct)
    {
        var probeCode = await IssueManyAsync(keys, district, 1, random, ct);
        var first = await PostOnlineAsync(http, district, 0, JsonSerializer.SerializeToUtf8Bytes(new { id = Guid.NewGuid(), qr = probeCode[0] }, JsonSerializerOptions.Web), ct);
        if (first is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            report.OnlineMissing = "the host has no online verify-and-record endpoint (POST /api/health-codes/venues/{code}/verify) in this build";
            Log("(c) " + report.OnlineMissing);
            return;
        }

        Log($"(c) issuing {o.Online:N0} codes for online verification");
        var codes = await IssueManyAsync(keys, district, o.Online, random, ct);
        // Each client is one scanner device at its own venue (as at a door: one device, many people in a row).
        var deviceVenues = Enumerable.Range(0, o.Clients).Select(_ => random.Next(district.Venues.Length)).ToArray();
        var requests = codes.Select((qr, i) => (Venue: deviceVenues[i % o.Clients], Body: JsonSerializer.SerializeToUtf8Bytes(new { id = Guid.CreateVersion7(), qr }, JsonSerializerOptions.Web))).ToArray();
        Check(first == HttpStatusCode.OK, $"first online scan recorded ({first})");

        // The first tenth (at most 2000) opens the clients' connections and warms the host; the rest is timed.
        var warm = Math.Min(2000, requests.Length / 10);
        var failed = 0;
        async Task<TimeSpan> RunAsync(ArraySegment<(int Venue, byte[] Body)> part, Timing latency)
        {
            var next = -1;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < part.Count)
                {
                    var t = Stopwatch.GetTimestamp();
                    var status = await PostOnlineAsync(http, district, part[i].Venue, part[i].Body, ct);
                    latency.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (status != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }, ct)));
            return wall.Elapsed;
        }

        await RunAsync(new ArraySegment<(int, byte[])>(requests, 0, warm), new Timing());
        var latency = new Timing();
        var cpu = CpuMeter.Start(host.Pid);
        var elapsed = await RunAsync(new ArraySegment<(int, byte[])>(requests, warm, requests.Length - warm), latency);
        report.OnlineCpu = (cpu.Stop(), requests.Length - warm);
        Check(failed == 0, $"(c) every online scan recorded ({failed} failed)");
        report.Online = ((requests.Length - warm) / elapsed.TotalSeconds, latency);
        Log($"(c) {report.Online.Value.Rate:N0}/s, p50 {latency.P(.5):F1} ms, p99 {latency.P(.99):F1} ms");
    }

    private static async Task<HttpStatusCode> PostOnlineAsync(HttpClient http, District district, int venue, byte[] body, CancellationToken ct)
    {
        var v = district.Venues[venue];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/health-codes/venues/{v.Code}/verify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Venue-Key", v.Key);
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }

    /// <summary>
    /// (d) New cases among residents who scan: the tracer's search (two index range reads and the token lookup), the
    /// same through a whole tracing run (search, then the tracing stored with its contacts), and the plain indexed SQL
    /// self-join on the same data — checked to find the same persons — each timed per case; a few also through the
    /// host's API (sign-in as a health officer, POST /api/health-codes/tracings, the first page of contacts back).
    /// </summary>
    private static async Task TracingAsync(Func<AsyncServiceScope> scope, HostProcess host, District district, Options o, Random random, Report report, CancellationToken ct)
    {
        var cases = Enumerable.Range(0, o.Cases + 10).Select(_ => district.SampleActive(random)).Distinct().ToList();
        var window = TimeSpan.FromMinutes(30);
        var search = new Timing();
        var run = new Timing();
        var sql = new Timing();
        long visits = 0, contacts = 0, encounters = 0;
        var csb = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync(scope));
        for (var k = 0; k < cases.Count; k++)
        {
            var p = cases[k];
            var person = district.PersonIds[p];
            var token = district.Tokens[p];
            var to = TimeProvider.System.GetUtcNow();
            var from = to.AddDays(-14);
            var warmup = k < 10;

            async Task<ExposureTracer.Findings> SearchAsync()
            {
                await using var s = scope();
                var t = Stopwatch.GetTimestamp();
                var found = await ExposureTracer.FindAsync(s.ServiceProvider.GetRequiredService<YiwangDbContext>(), token, person, from, to, window, ct);
                if (!warmup)
                {
                    search.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                return found;
            }

            async Task<HashSet<Guid>> SqlAsync()
            {
                var t = Stopwatch.GetTimestamp();
                var found = await SelfJoinAsync(csb.ConnectionString, token, person, from, to, window);
                if (!warmup)
                {
                    sql.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                return found;
            }

            // Alternate which goes first, so neither always finds the pages the other just read.
            ExposureTracer.Findings ours;
            HashSet<Guid> plain;
            if (k % 2 == 0)
            {
                ours = await SearchAsync();
                plain = await SqlAsync();
            }
            else
            {
                plain = await SqlAsync();
                ours = await SearchAsync();
            }

            Check(plain.SetEquals(ours.Encounters.Select(e => e.PersonId)), $"case {k}: the tracer and the self-join find the same {plain.Count} persons", quiet: true);
            await using (var s = scope())
            {
                var t = Stopwatch.GetTimestamp();
                var tracing = await s.ServiceProvider.GetRequiredService<ExposureTracer>()
                    .RunAsync(new ExposureTracer.Request(person, 30, 14, null, "manual"), ct);
                if (!warmup)
                {
                    run.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    visits += tracing.Visits;
                    contacts += tracing.Contacts;
                    encounters += tracing.Encounters;
                }
            }
        }

        var timed = cases.Count - 10;
        report.Tracing = (search, run, sql, timed, (double)visits / timed, (double)contacts / timed, (double)encounters / timed);
        Log($"(d) search p50 {search.P(.5):F1} ms, run p50 {run.P(.5):F1} ms, self-join p50 {sql.P(.5):F1} ms over {timed} cases");

        // Through the host's API, as a health officer would.
        if (host.Exited)
        {
            return;
        }

        using var officer = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };
        var login = await officer.PostAsync("/api/auth/login", new StringContent(JsonSerializer.Serialize(new { userName = "health", password = DemoPassword }), Encoding.UTF8, "application/json"), ct);
        Check(login.IsSuccessStatusCode, $"signed in as health ({login.StatusCode})");
        var api = new Timing();
        var n = 0;
        foreach (var p in cases.Take(o.ApiCases + 2))
        {
            var body = new StringContent(JsonSerializer.Serialize(new { personId = district.PersonIds[p] }), Encoding.UTF8, "application/json");
            var t = Stopwatch.GetTimestamp();
            using var response = await officer.PostAsync("/api/health-codes/tracings", body, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            if (n++ >= 2)
            {
                // The first two warm the host up (JIT, pools).
                api.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            Check(response.StatusCode == HttpStatusCode.Created, $"traced through the API ({response.StatusCode})", quiet: true);
        }

        report.TracingApi = api;
    }

    private static async Task<string> ConnectionStringAsync(Func<AsyncServiceScope> scope)
    {
        await using var s = scope();
        return s.ServiceProvider.GetRequiredService<YiwangDbContext>().Database.GetConnectionString()!;
    }

    /// <summary>The plain way: the index person's scans joined to everyone's scans at the same venue within the window, and on to the links.</summary>
    private static async Task<HashSet<Guid>> SelfJoinAsync(string cs, string subject, Guid person, DateTimeOffset from, DateTimeOffset to, TimeSpan window)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT l.person_id, c.venue_id, i.scanned_at, c.scanned_at
            FROM healthcodes.scans i
            JOIN healthcodes.scans c ON c.venue_id = i.venue_id AND c.scanned_at BETWEEN i.scanned_at - @w AND i.scanned_at + @w
            JOIN healthcodes.subject_links l ON l.subject = c.subject
            WHERE i.subject = @s AND i.scanned_at BETWEEN @from AND @to AND c.subject <> @s AND l.person_id <> @p
            """, conn);
        cmd.Parameters.AddWithValue("w", window);
        cmd.Parameters.AddWithValue("s", subject);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        cmd.Parameters.AddWithValue("p", person);
        var found = new HashSet<Guid>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            found.Add(r.GetGuid(0));
        }

        return found;
    }

    /// <summary>
    /// (e) Codes issued for residents by the citizen side's issuer, as the "my code" page asks for them: the person's
    /// colour read, a code signed with the active key, and on this host's first code for a person the check that their
    /// subject link exists — several workers at once.
    /// </summary>
    private static async Task IssuanceAsync(Func<AsyncServiceScope> scope, District district, Options o, Random random, Report report, CancellationToken ct)
    {
        var persons = Enumerable.Range(0, o.Codes).Select(_ => district.PersonIds[random.Next(district.PersonIds.Length)]).ToArray();

        // First for these persons on this process (each also checks the person's link), then the same persons again,
        // as their pages refresh the code every few minutes.
        async Task<double> PassAsync()
        {
            var next = -1;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, o.IssueWorkers).Select(_ => Task.Run(async () =>
            {
                await using var s = scope();
                var issuer = s.ServiceProvider.GetRequiredService<CodeIssuer>();
                int i;
                while ((i = Interlocked.Increment(ref next)) < persons.Length)
                {
                    var code = await issuer.IssueForPersonAsync(persons[i], ct);
                    if (!code.Qr.StartsWith(HealthCodeFormat.Prefix, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException("not a code");
                    }
                }
            }, ct)));
            return persons.Length / wall.Elapsed.TotalSeconds;
        }

        report.IssuanceFirst = await PassAsync();
        report.Issuance = await PassAsync();
        Log($"(e) {report.IssuanceFirst:N0} codes/s (first codes), {report.Issuance:N0} codes/s (refreshes)");
    }

    internal static void Check(bool ok, string what, bool quiet = false)
    {
        if (!ok)
        {
            throw new InvalidOperationException("check failed: " + what);
        }

        if (!quiet)
        {
            Log("ok: " + what);
        }
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Int(string[] args, string name, int fallback) =>
        int.TryParse(Arg(args, name), CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private static long Long(string[] args, string name, long fallback) =>
        long.TryParse(Arg(args, name), CultureInfo.InvariantCulture, out var v) ? v : fallback;

    internal static void Log(string message) => Console.Error.WriteLine($"[{TimeProvider.System.GetUtcNow():HH:mm:ss}] {message}");

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yiwang.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (Yiwang.slnx not found).");
    }

    private static async Task<string> RunScriptAsync(string script, string verb, string dir, string? serverOptions = null)
    {
        var psi = new ProcessStartInfo("bash", [script, verb, dir]) { RedirectStandardOutput = true, UseShellExecute = false };
        if (serverOptions is not null)
        {
            psi.Environment["POSTGRES_THROWAWAY_OPTIONS"] = serverOptions;
        }

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
