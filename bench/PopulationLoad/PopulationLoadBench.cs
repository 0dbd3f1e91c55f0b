using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Yiwang.Kernel.Time;
using Yiwang.People.Domain;
using Yiwang.People.Features;
using Yiwang.People.Generation;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>
/// The benchmark: for each run, on fresh databases of one throwaway cluster, (1) generate the population to CSV as
/// the CLI does, (2) PostgreSQL's bare COPY of that CSV into an unindexed table — the physical reference —, (3) Yiwang's
/// seeding path on PostgreSQL; then (4) the same on SQLite once. Phases run one after another, never side by side.
/// </summary>
internal sealed class PopulationLoadBench : IDisposable
{
    /// <summary>Persons of the warm-up (JIT, EF Core model, connection pools), which is not reported.</summary>
    private const int WarmUpCount = 20_000;

    private const string BareTable = """
        CREATE TABLE persons_bare (
            id uuid, household_id uuid, id_number varchar(18), name varchar(64), sex char(1), birth_date date,
            phone varchar(20), address varchar(200), community_code varchar(12), street_code varchar(9), relation varchar(16))
        """;

    private readonly BenchOptions _options;
    private readonly MemoryProbe _probe = new();
    private readonly List<PhaseResult> _results = [];

    private PopulationLoadBench(BenchOptions options) => _options = options;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args, Console.Error);
        if (options is null)
        {
            return args.Any(a => a is "--help" or "-h") ? 0 : 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the finally blocks stop the cluster and delete the files.
            e.Cancel = true;
            cts.Cancel();
        };
        using var bench = new PopulationLoadBench(options);
        try
        {
            var environment = await bench.RunAllAsync(cts.Token);
            Console.Out.Write(Report.Markdown(options, args, environment, bench._results, bench._probe.ExactPeaks));
            return 0;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
    }

    public void Dispose() => _probe.Dispose();

    private async Task<BenchEnvironment> RunAllAsync(CancellationToken ct)
    {
        var repo = RepositoryRoot();
        var id = Guid.NewGuid().ToString("N")[..8];
        var work = _options.WorkDir ?? Path.Combine(Path.GetTempPath(), $"yiwang-bench-{id}");
        var ownWork = _options.WorkDir is null || !Directory.Exists(work);
        Directory.CreateDirectory(work);
        var csv = Path.Combine(work, "population.csv");
        var sqlite = Path.Combine(work, "yiwang-bench.db");
        // The cluster goes under the temp folder whatever --work says: user postgres must reach it, and the socket path be short.
        var pgDir = Path.Combine(Path.GetTempPath(), $"yiwang-bench-pg-{id}");
        var started = TimeProvider.System.GetUtcNow();
        var load = BenchEnvironment.LoadAverage();
        string version;
        try
        {
            Log($"starting a throwaway PostgreSQL in {pgDir}");
            await using (var pg = await ThrowawayPostgres.StartAsync(Path.Combine(repo, "scripts", "postgres-throwaway"), pgDir, ct))
            {
                version = await pg.ServerVersionAsync(ct);
                Log(version);
                var slots = await WarmUpAsync(pg, csv, work, ct);
                for (var run = 1; run <= _options.Runs; run++)
                {
                    Log($"--- run {run} of {_options.Runs}, {_options.Count:N0} persons");
                    await CsvAsync(run, slots, _options.Count, csv, record: true, ct);
                    if (_options.Breakdown)
                    {
                        await GenerateOnlyAsync(run, slots, ct);
                    }

                    await BareCopyAsync(pg, run, csv, _options.Count, record: true, ct);
                    await FloorAsync(pg, run, csv, work, _options.Count, record: true, ct);
                    await YiwangPostgresAsync(pg, run, _options.Count, dropIndexes: false, record: true, ct);
                    await ImportPostgresAsync(pg, run, csv, _options.Count, record: true, ct);
                    if (_options.Breakdown)
                    {
                        await YiwangPostgresAsync(pg, run, _options.Count, dropIndexes: true, record: true, ct);
                    }
                }

                Log("stopping PostgreSQL");
            }

            if (!_options.SkipSqlite)
            {
                Log("--- SQLite, one run");
                await YiwangSqliteAsync(sqlite, csv, ct);
            }
        }
        finally
        {
            if (!_options.Keep)
            {
                foreach (var f in new[] { csv, sqlite, sqlite + "-wal", sqlite + "-shm" })
                {
                    File.Delete(f);
                }

                if (ownWork && !Directory.EnumerateFileSystemEntries(work).Any())
                {
                    Directory.Delete(work);
                }
            }
        }

        return BenchEnvironment.Read(repo, version, started, load);
    }

    /// <summary>
    /// A catalog database for the generator's communities (as the CLI reads them from its own database), then a
    /// small pass through every path so that JIT and first-use costs stay out of run 1.
    /// </summary>
    private async Task<IReadOnlyList<CommunitySlot>> WarmUpAsync(ThrowawayPostgres pg, string csv, string work, CancellationToken ct)
    {
        Log($"warm-up: {WarmUpCount:N0} persons through every path (not reported)");
        const string Catalog = "bench_catalog";
        await pg.CreateDatabaseAsync(Catalog, ct);
        IReadOnlyList<CommunitySlot> slots;
        await using (var db = YiwangDatabase.Postgres(pg.ConnectionStringFor(Catalog)))
        {
            await db.MigrateAsync(ct);
            await db.EnsureJurisdictionsAsync(ct);
            slots = await db.SlotsAsync(ct);
        }

        await pg.DropDatabaseAsync(Catalog, ct);
        var count = Math.Min(WarmUpCount, _options.Count);
        await CsvAsync(0, slots, count, csv, record: false, ct);
        await BareCopyAsync(pg, 0, csv, count, record: false, ct);
        await FloorAsync(pg, 0, csv, work, count, record: false, ct);
        await YiwangPostgresAsync(pg, 0, count, dropIndexes: false, record: false, ct);
        await ImportPostgresAsync(pg, 0, csv, count, record: false, ct);
        Log($"{slots.Count} communities");
        return slots;
    }

    /// <summary>Phase 1: the body of the CLI's <c>generate-population --out FILE</c>, same writer and encoding.</summary>
    private async Task CsvAsync(int run, IReadOnlyList<CommunitySlot> slots, int count, string csv, bool record, CancellationToken ct)
    {
        long written = 0;
        await MeasureAsync(Phases.Csv, run, record, pg: null, async () =>
        {
            var clock = TimeProvider.System;
            await using var w = new StreamWriter(csv, append: false, new UTF8Encoding(false));
            await w.WriteLineAsync(PopulationCsv.Header);
            foreach (var h in new PopulationGenerator(PopulationSeeder.DefaultSeed).Generate(slots, count, DistrictTime.Today(clock)))
            {
                ct.ThrowIfCancellationRequested();
                foreach (var p in h.Members)
                {
                    PopulationCsv.WriteRow(w, p);
                }

                written += h.Members.Count;
            }
        }, () => Task.FromResult(new PhaseOutcome(written, new FileInfo(csv).Length)), ct);
    }

    /// <summary>Diagnostic: the generator alone, its output counted and dropped.</summary>
    private async Task GenerateOnlyAsync(int run, IReadOnlyList<CommunitySlot> slots, CancellationToken ct)
    {
        long persons = 0;
        await MeasureAsync(Phases.GenerateOnly, run, record: true, pg: null, () =>
        {
            foreach (var h in new PopulationGenerator(PopulationSeeder.DefaultSeed).Generate(slots, _options.Count, DistrictTime.Today(TimeProvider.System)))
            {
                ct.ThrowIfCancellationRequested();
                persons += h.Members.Count;
            }

            return Task.CompletedTask;
        }, () => Task.FromResult(new PhaseOutcome(persons, null)), ct);
    }

    /// <summary>Phase 2, the reference: the CSV streamed through text COPY into a bare table of a fresh database.</summary>
    private async Task BareCopyAsync(ThrowawayPostgres pg, int run, string csv, int count, bool record, CancellationToken ct)
    {
        var name = $"bare_{run}";
        await pg.CreateDatabaseAsync(name, ct);
        var cs = pg.ConnectionStringFor(name);
        await ThrowawayPostgres.ExecuteAsync(cs, BareTable, ct);
        await MeasureAsync(Phases.BareCopy, run, record, pg, async () =>
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync(ct);
            using var reader = new StreamReader(csv, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            // Disposing the writer ends the COPY and waits for the server's answer: part of the timing.
            await using (var writer = await conn.BeginTextImportAsync("COPY persons_bare FROM STDIN (FORMAT csv, HEADER true)", ct))
            {
                var buffer = new char[1 << 16];
                int n;
                while ((n = await reader.ReadAsync(buffer, ct)) > 0)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
        }, async () =>
        {
            var rows = (long)(await ThrowawayPostgres.ScalarAsync(cs, "SELECT count(*) FROM persons_bare", ct))!;
            Expect(rows == count, $"bare COPY loaded {rows} rows, expected {count}");
            var size = (long)(await ThrowawayPostgres.ScalarAsync(cs, "SELECT pg_total_relation_size('persons_bare')", ct))!;
            return new PhaseOutcome(rows, size);
        }, ct);
        await pg.DropDatabaseAsync(name, ct);
    }

    /// <summary>
    /// Phase 2f, the second reference, the physical floor (<see cref="PhysicalFloor"/>): the rows the registry stores for
    /// this file, prepared untimed as three CSV files, COPYed into Yiwang's own migrated tables with their indexes and
    /// foreign keys built afterwards. What any import of the file must at least cost on this server.
    /// </summary>
    private async Task FloorAsync(ThrowawayPostgres pg, int run, string csv, string work, int count, bool record, CancellationToken ct)
    {
        var name = $"floor_{run}";
        var files = PhysicalFloor.Files.Select(f => Path.Combine(work, f)).ToArray();
        await pg.CreateDatabaseAsync(name, ct);
        try
        {
            await using var db = YiwangDatabase.Postgres(pg.ConnectionStringFor(name));
            await db.MigrateAsync(ct);
            await ReferenceDataAsync(db, ct);
            var (households, persons) = PhysicalFloor.Write(
                csv, await db.SourceIdAsync(PopulationSeeder.HouseholdSource, ct), Guid.CreateVersion7(), files[0], files[1], files[2]);
            Expect(persons == count, $"floor files hold {persons} persons, expected {count}");
            await MeasureAsync(Phases.Floor, run, record, pg, () => db.FloorLoadAsync(files[0], files[1], files[2], ct), async () =>
            {
                var (loaded, loadedHouseholds, _) = await db.CountAsync(ct);
                Expect(loaded == count && loadedHouseholds == households, $"floor loaded {loaded} persons and {loadedHouseholds} households, expected {count} and {households}");
                return new PhaseOutcome(loaded, await db.SizeAsync(ct));
            }, ct);
        }
        finally
        {
            foreach (var f in files)
            {
                File.Delete(f);
            }
        }

        await pg.DropDatabaseAsync(name, ct);
    }

    /// <summary>
    /// Phase 3: migrate a fresh database and load its reference data (as every CLI verb does first), then the seeder
    /// exactly as <c>--into-db</c> calls it. With <paramref name="dropIndexes"/>, the diagnostic: the same without the
    /// non-unique indexes and foreign keys, then the time to build them again.
    /// </summary>
    private async Task YiwangPostgresAsync(ThrowawayPostgres pg, int run, int count, bool dropIndexes, bool record, CancellationToken ct)
    {
        var name = dropIndexes ? $"yiwang_noidx_{run}" : $"yiwang_{run}";
        await pg.CreateDatabaseAsync(name, ct);
        await using (var db = YiwangDatabase.Postgres(pg.ConnectionStringFor(name)))
        {
            // The diagnostic's own migration and reference data are not reported twice.
            var recordSetup = record && !dropIndexes;
            await MeasureAsync(Phases.MigratePostgres, run, recordSetup, pg, () => db.MigrateAsync(ct), null, ct);
            await MeasureAsync(Phases.ReferencePostgres, run, recordSetup, pg, () => ReferenceDataAsync(db, ct), null, ct);
            IReadOnlyList<string> recreate = [];
            if (dropIndexes)
            {
                recreate = await db.DropSecondaryIndexesAsync(ct);
                Log($"dropped {recreate.Count} non-unique indexes and foreign keys");
            }

            ImportBatch? batch = null;
            await MeasureAsync(dropIndexes ? Phases.SeedPostgresNoIndexes : Phases.SeedPostgres, run, record, pg,
                async () => batch = await db.SeedAsync(count, ct), () => VerifyAsync(db, batch, count, ct), ct);
            if (dropIndexes)
            {
                // The other way to the same end state: load first, build the indexes in bulk afterwards.
                await MeasureAsync(Phases.RecreateIndexes, run, record, pg,
                    () => db.ExecuteAllAsync(recreate, ct), async () => new PhaseOutcome(0, await db.SizeAsync(ct)), ct);
            }
        }

        await pg.DropDatabaseAsync(name, ct);
    }

    /// <summary>Phase 3i: the CSV of phase 1 through the CLI's <c>import</c> path (file reader, header mapping, intake).</summary>
    private async Task ImportPostgresAsync(ThrowawayPostgres pg, int run, string csv, int count, bool record, CancellationToken ct)
    {
        var name = $"import_{run}";
        await pg.CreateDatabaseAsync(name, ct);
        await using (var db = YiwangDatabase.Postgres(pg.ConnectionStringFor(name)))
        {
            await db.MigrateAsync(ct);
            await ReferenceDataAsync(db, ct);
            ImportBatch? batch = null;
            await MeasureAsync(Phases.ImportPostgres, run, record, pg,
                async () => batch = await db.ImportFileAsync(PopulationSeeder.HouseholdSource, csv, ct), () => VerifyAsync(db, batch, count, ct), ct);

            // The same file again: every record is unchanged, nothing is written.
            await MeasureAsync(Phases.ReimportPostgres, run, record, pg,
                async () => batch = await db.ImportFileAsync(PopulationSeeder.HouseholdSource, csv, ct), () => VerifyUnchangedAsync(db, batch, count, ct), ct);
        }

        await pg.DropDatabaseAsync(name, ct);
    }

    /// <summary>Phase 4: the same on a fresh SQLite file.</summary>
    private async Task YiwangSqliteAsync(string file, string csv, CancellationToken ct)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }

        await using var db = YiwangDatabase.Sqlite(file);
        await MeasureAsync(Phases.MigrateSqlite, 1, record: true, pg: null, () => db.MigrateAsync(ct), null, ct);
        await MeasureAsync(Phases.ReferenceSqlite, 1, record: true, pg: null, () => ReferenceDataAsync(db, ct), null, ct);
        ImportBatch? batch = null;
        await MeasureAsync(Phases.ImportSqlite, 1, record: true, pg: null,
            async () => batch = await db.ImportFileAsync(PopulationSeeder.HouseholdSource, csv, ct), () => VerifyAsync(db, batch, _options.Count, ct), ct);
        await MeasureAsync(Phases.ReimportSqlite, 1, record: true, pg: null,
            async () => batch = await db.ImportFileAsync(PopulationSeeder.HouseholdSource, csv, ct), () => VerifyUnchangedAsync(db, batch, _options.Count, ct), ct);
        await db.SizeAsync(ct); // checkpoints the WAL into the file the floor reads

        // 4f: SQLite's own floor for what 4i stored (the counterpart of phase 2f).
        var floorFile = file + ".floor";
        foreach (var f in new[] { floorFile, floorFile + "-wal", floorFile + "-shm" })
        {
            File.Delete(f);
        }

        await using (var floor = YiwangDatabase.Sqlite(floorFile))
        {
            await floor.MigrateAsync(ct);
        }

        await MeasureAsync(Phases.FloorSqlite, 1, record: true, pg: null, () => SqliteFloor.LoadAsync(floorFile, file, ct), async () =>
        {
            await using var check = YiwangDatabase.Sqlite(floorFile);
            var (persons, _, _) = await check.CountAsync(ct);
            Expect(persons == _options.Count, $"the SQLite floor holds {persons} persons, expected {_options.Count}");
            return new PhaseOutcome(persons, await check.SizeAsync(ct));
        }, ct);
        foreach (var f in new[] { floorFile, floorFile + "-wal", floorFile + "-shm" })
        {
            File.Delete(f);
        }
    }

    private static async Task<PhaseOutcome> VerifyUnchangedAsync(YiwangDatabase db, ImportBatch? batch, int count, CancellationToken ct)
    {
        Expect(batch is { Status: ImportStatus.Completed }, $"re-import ended {batch?.Status}: {batch?.Error}");
        Expect(batch!.Unchanged == count && batch.Created == 0 && batch.Updated == 0,
            $"re-import: {batch.Created} created, {batch.Updated} updated, {batch.Unchanged} unchanged; expected {count} unchanged");
        var (persons, _, _) = await db.CountAsync(ct);
        Expect(persons == count, $"registry holds {persons} persons after the re-import, expected {count}");
        return new PhaseOutcome(persons, await db.SizeAsync(ct), db.IntakeLog.Last);
    }

    /// <summary>What every CLI verb ensures before its work: the division tree and the registered source systems.</summary>
    private static async Task ReferenceDataAsync(YiwangDatabase db, CancellationToken ct)
    {
        await db.EnsureJurisdictionsAsync(ct);
        await db.EnsureSourcesAsync(ct);
    }

    /// <summary>The import completed with every row created and none rejected, and the registry holds exactly them.</summary>
    private static async Task<PhaseOutcome> VerifyAsync(YiwangDatabase db, ImportBatch? batch, int count, CancellationToken ct)
    {
        Expect(batch is { Status: ImportStatus.Completed }, $"import ended {batch?.Status}: {batch?.Error}");
        Expect(batch!.Created == count && batch.Rejected == 0 && batch.NeedsReview == 0,
            $"import: {batch.Rows} rows, {batch.Created} created, {batch.Rejected} rejected, {batch.NeedsReview} to review; expected {count} created");
        var (persons, households, audit) = await db.CountAsync(ct);
        Expect(persons == count, $"registry holds {persons} persons, expected {count}");
        Expect(households > 0 && households <= count, $"{households} households for {count} persons");
        Expect(audit >= 2, $"{audit} audit entries, expected the reference data's and the import's");
        return new PhaseOutcome(persons, await db.SizeAsync(ct), db.IntakeLog.Last);
    }

    /// <summary>
    /// Times one phase. Before: a checkpoint (the previous phase's dirty pages are not this phase's cost) and a full
    /// garbage collection. After, untimed: <paramref name="after"/> counts and sizes what the phase produced.
    /// </summary>
    private async Task MeasureAsync(
        string key, int run, bool record, ThrowawayPostgres? pg, Func<Task> work, Func<Task<PhaseOutcome>>? after, CancellationToken ct)
    {
        long? wal = null;
        if (pg is not null)
        {
            await pg.CheckpointAsync(ct);
            wal = await pg.WalPositionAsync(ct);
        }

        _probe.BeginPhase();
        var cpu = ClientCpu();
        var server = pg?.ServerCpuTime();
        var sw = Stopwatch.StartNew();
        await work();
        sw.Stop();
        var clientCpu = ClientCpu() - cpu;
        var serverCpu = pg?.ServerCpuTime() - server;
        var memory = _probe.EndPhase();
        if (pg is not null)
        {
            wal = await pg.WalPositionAsync(ct) - wal;
        }

        var outcome = after is null ? new PhaseOutcome(0, null) : await after();
        if (!record)
        {
            return;
        }

        var r = new PhaseResult(key, run, sw.Elapsed, clientCpu, serverCpu, memory, outcome.Persons, outcome.Bytes, wal, outcome.Intake);
        _results.Add(r);
        Log(string.Create(CultureInfo.InvariantCulture,
            $"run {run} {key,-20} {r.Elapsed.TotalSeconds,8:F2} s  client CPU {r.ClientCpu.TotalSeconds:F1} s  server CPU {r.ServerCpu?.TotalSeconds:F1} s  peak WS {Report.MiB(memory.PeakWorkingSet)} MiB  heap {Report.MiB(memory.PeakManagedHeap)} MiB"));
    }

    private static TimeSpan ClientCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static void Log(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{TimeProvider.System.GetUtcNow():HH:mm:ss}] {message}"));

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Yiwang.slnx")) && File.Exists(Path.Combine(d.FullName, "scripts", "postgres-throwaway")))
                {
                    return d.FullName;
                }
            }
        }

        throw new InvalidOperationException("Repository root (Yiwang.slnx, scripts/postgres-throwaway) not found above the program or the current folder.");
    }
}
