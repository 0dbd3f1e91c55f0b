using Yiwang.Kernel.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Yiwang.Command;
using Yiwang.Epidemic;
using Yiwang.Frontline;
using Yiwang.HealthCodes;
using Yiwang.Kernel;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.People;
using Yiwang.People.Domain;
using Yiwang.People.Features;
using Yiwang.People.Generation;
using Yiwang.People.Intake;
using Yiwang.People.Intake.Files;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>
/// One Yiwang database, its services composed by the modules' own registrations (<c>AddKernel</c>, <c>AddPeople</c>)
/// as in <c>Yiwang.Host</c>, without the web host being started, and driven through the same calls as the CLI's
/// <c>migrate</c> and <c>generate-population --into-db</c>.
/// </summary>
internal sealed class YiwangDatabase : IAsyncDisposable
{
    /// <summary>Who the audit entries name, as <c>cli:generate-population</c> would for the CLI.</summary>
    private const string Actor = "bench:population-load";

    private readonly WebApplication _app;

    private YiwangDatabase(DatabaseProvider provider, string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(IntakeLog);
        // Added last, so it wins over environment variables such as ConnectionStrings__Yiwang.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Yiwang:Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Yiwang"] = connectionString,
        });
        builder.AddModules(Yiwang.Modules.ModuleList.All);
        _app = builder.Build();
        // Read as the host reads it: SQLite gets its absolute path and busy timeout there.
        Options = _app.Services.GetRequiredService<DatabaseOptions>();
    }

    public DatabaseOptions Options { get; }

    /// <summary>The intake's own account of where an import's time went.</summary>
    public IntakeTimingsLog IntakeLog { get; } = new();

    public static YiwangDatabase Postgres(string connectionString) => new(DatabaseProvider.Postgres, connectionString);

    public static YiwangDatabase Sqlite(string file) => new(DatabaseProvider.Sqlite, $"Data Source={file}");

    /// <summary>As the CLI's <c>migrate</c> verb does it (<c>CliScope.MigrateAsync</c>): WAL first on SQLite.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(ct);
    }

    /// <summary>The jurisdictions, as every verb ensures them first (<c>CliVerbs.ReadyAsync</c>).</summary>
    public async Task<int> EnsureJurisdictionsAsync(CancellationToken ct)
    {
        await using var scope = Scope();
        var n = await JurisdictionSeeder.EnsureAsync(scope.ServiceProvider.GetRequiredService<YiwangDbContext>(), ct);
        if (n > 0)
        {
            _app.Services.GetRequiredService<JurisdictionDirectory>().Invalidate();
        }

        return n;
    }

    /// <summary>The registered source systems, the other reference data every verb ensures.</summary>
    public async Task EnsureSourcesAsync(CancellationToken ct)
    {
        await using var scope = Scope();
        await SourceCatalog.EnsureDefaultsAsync(scope.ServiceProvider.GetRequiredService<YiwangDbContext>(), _app.Services.GetRequiredService<TimeProvider>(), ct);
    }

    public Task<IReadOnlyList<CommunitySlot>> SlotsAsync(CancellationToken ct) =>
        PopulationSeeder.SlotsAsync(_app.Services.GetRequiredService<JurisdictionDirectory>(), ct);

    /// <summary>
    /// What <c>generate-population --into-db</c> runs: the generator's rows through the intake (validation, identity
    /// resolution, source records, bulk writes), one transaction.
    /// </summary>
    public async Task<ImportBatch> SeedAsync(int count, CancellationToken ct)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        if (await PopulationSeeder.AnyPersonsAsync(db, ct))
        {
            throw new InvalidOperationException("The registry already holds persons.");
        }

        return await PopulationSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<IntakeEngine>(),
            _app.Services.GetRequiredService<JurisdictionDirectory>(), count, PopulationSeeder.DefaultSeed,
            _app.Services.GetRequiredService<TimeProvider>(), null, ct);
    }

    /// <summary>What <c>import --source SOURCE --file FILE</c> runs: the file read and mapped by its headers, then the intake.</summary>
    public async Task<ImportBatch> ImportFileAsync(string source, string file, CancellationToken ct)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var src = await SourceCatalog.FindAsync(db, source, ct) ?? throw new InvalidOperationException($"Unknown source {source}");
        var name = Path.GetFileName(file);
        ColumnMapping mapping;
        await using (var probe = File.OpenRead(file))
        {
            mapping = ColumnMapping.Suggest(IntakeFileReader.Inspect(probe, name).Headers);
        }

        await using var stream = File.OpenRead(file);
        return await scope.ServiceProvider.GetRequiredService<IntakeEngine>().RunAsync(
            src, AccessScope.District, "cli", name, IntakeFileReader.Read(stream, name, mapping, ct), "cli:import", null, ct);
    }

    /// <summary>The id of a registered source system (the floor's source records name it).</summary>
    public async Task<Guid> SourceIdAsync(string source, CancellationToken ct)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        return (await SourceCatalog.FindAsync(db, source, ct) ?? throw new InvalidOperationException($"Unknown source {source}")).Id;
    }

    /// <summary>
    /// The physical floor (<see cref="PhysicalFloor"/>): the three prepared files COPYed into Yiwang's own households,
    /// persons and source records in one transaction, with the secondary indexes and foreign keys dropped before and
    /// built after (the cheapest order, as the intake's first load does: <see cref="IndexDeferral"/>), then ANALYZE.
    /// PostgreSQL only.
    /// </summary>
    public async Task FloorLoadAsync(string households, string persons, string records, CancellationToken ct)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var deferral = await IndexDeferral.BeginAsync(db, [typeof(Household), typeof(Person), typeof(SourceRecord)], ct);
            await CopyFileAsync(conn, $"people.households ({PhysicalFloor.HouseholdColumns})", households, ct);
            await CopyFileAsync(conn, $"people.persons ({PhysicalFloor.PersonColumns})", persons, ct);
            await CopyFileAsync(conn, $"people.source_records ({PhysicalFloor.RecordColumns})", records, ct);
            await deferral.RestoreAsync(ct);
            await tx.CommitAsync(ct);
        }

        await using var analyze = new NpgsqlCommand("ANALYZE people.households, people.persons, people.source_records", conn) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync(ct);
    }

    private static async Task CopyFileAsync(NpgsqlConnection conn, string target, string file, CancellationToken ct)
    {
        using var reader = new StreamReader(file, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        await using var writer = await conn.BeginTextImportAsync($"COPY {target} FROM STDIN (FORMAT csv)", ct);
        var buffer = new char[1 << 16];
        int n;
        while ((n = await reader.ReadAsync(buffer, ct)) > 0)
        {
            await writer.WriteAsync(buffer.AsMemory(0, n), ct);
        }
    }

    /// <summary>Persons, households and audit entries, to check a load after timing it.</summary>
    public async Task<(long Persons, long Households, long AuditEntries)> CountAsync(CancellationToken ct)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        return (await PeopleModule.CountInScopeAsync(db, AccessScope.District, ct),
            await db.Set<Household>().LongCountAsync(ct),
            await db.AuditEntries.LongCountAsync(ct));
    }

    /// <summary>
    /// Drops the People schema's non-unique indexes and its foreign keys, keeping primary keys and unique indexes
    /// (the intake looks rows up by those): the diagnostic that separates their maintenance from the rest.
    /// PostgreSQL only. Returns the statements that recreate them.
    /// </summary>
    public async Task<IReadOnlyList<string>> DropSecondaryIndexesAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(Options.ConnectionString);
        await conn.OpenAsync(ct);
        var found = new List<(string Drop, string Create)>();
        // Foreign keys first (dropped first, recreated last): an index may serve one.
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT 0 AS o, format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop_sql,
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS create_sql
            FROM pg_constraint WHERE contype = 'f' AND connamespace = 'people'::regnamespace
            UNION ALL
            SELECT 1, format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE c.relnamespace = 'people'::regnamespace AND NOT i.indisunique
            ORDER BY o, drop_sql
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                found.Add((r.GetString(1), r.GetString(2)));
            }
        }

        await ExecuteAllAsync(conn, found.Select(f => f.Drop), ct);
        return [.. found.Select(f => f.Create).Reverse()];
    }

    /// <summary>Runs statements one after another on one connection, without a command timeout.</summary>
    public async Task ExecuteAllAsync(IEnumerable<string> statements, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(Options.ConnectionString);
        await conn.OpenAsync(ct);
        await ExecuteAllAsync(conn, statements, ct);
    }

    private static async Task ExecuteAllAsync(NpgsqlConnection conn, IEnumerable<string> statements, CancellationToken ct)
    {
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Bytes of the People tables a household-registration load fills (persons, households, source records) with their
    /// indexes (PostgreSQL), or of the database file and its WAL (SQLite).
    /// </summary>
    public async Task<long> SizeAsync(CancellationToken ct)
    {
        if (Options.Provider == DatabaseProvider.Postgres)
        {
            return (long)(await ThrowawayPostgres.ScalarAsync(Options.ConnectionString,
                "SELECT pg_total_relation_size('people.persons') + pg_total_relation_size('people.households') + pg_total_relation_size('people.source_records')", ct))!;
        }

        // Move what the load left in the WAL into the database file first, so the file holds it all.
        await using (var conn = new SqliteConnection(Options.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
        return new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>A scope acting as the bench, as CLI verbs act as <c>cli:VERB</c>.</summary>
    private AsyncServiceScope Scope()
    {
        var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(Actor);
        return scope;
    }
}
