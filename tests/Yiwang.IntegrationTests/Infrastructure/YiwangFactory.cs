using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Yiwang.IntegrationTests.Infrastructure;

/// <summary>Which real database a test class runs against.</summary>
public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real host on a real database: a fresh SQLite file, or a fresh database in the throwaway PostgreSQL
/// cluster that scripts/test starts (YIWANG_TEST_POSTGRES). Migrated and seeded exactly as in production,
/// with a small demo population.
/// </summary>
public sealed class YiwangFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-Password-1";
    public const int Persons = 600;

    private readonly Db _db;
    private readonly string _connectionString;
    private readonly string? _pgDatabase;
    private readonly string? _sqliteFile;
    private readonly IReadOnlyDictionary<string, string?> _hostSettings;

    /// <param name="db">The database.</param>
    /// <param name="hostSettings">Extra settings read while the host is built (e.g. <c>Yiwang:Jobs:Enabled</c> = false
    /// for a class that runs its scheduled jobs itself).</param>
    /// <param name="sameDatabaseAs">A second host on another factory's database (several hosts, one database).</param>
    public YiwangFactory(Db db, IReadOnlyDictionary<string, string?>? hostSettings = null, YiwangFactory? sameDatabaseAs = null)
    {
        _db = db;
        _hostSettings = hostSettings ?? new Dictionary<string, string?>();
        if (sameDatabaseAs is not null)
        {
            _connectionString = sameDatabaseAs._connectionString;
        }
        else if (db == Db.Sqlite)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"yiwang-test-{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqliteFile}";
        }
        else
        {
            var admin = AdminConnectionString();
            _pgDatabase = $"yiwang_t_{Guid.NewGuid():N}";
            using (var conn = new NpgsqlConnection(admin))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgDatabase}", conn);
                cmd.ExecuteNonQuery();
            }

            _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _pgDatabase }.ConnectionString;
        }
    }

    public Db Database => _db;

    /// <summary>What the outbox delivered to a stand-in subscriber.</summary>
    public RecordingHandler Events { get; } = new();

    public string ConnectionString => _connectionString;

    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable("YIWANG_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "YIWANG_TEST_POSTGRES is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _hostSettings)
        {
            builder.UseSetting(key, value);
        }

        // Serve wwwroot and the framework's scripts from the build, as `dotnet run` does in Development.
        builder.UseStaticWebAssets();
        // A test class's own settings win over the defaults below.
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(Settings()).AddInMemoryCollection(_hostSettings));
        builder.ConfigureServices(s => s.AddSingleton<Yiwang.Kernel.Events.IOutboxHandler>(Events));
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:Yiwang"] = _connectionString,
        ["Yiwang:Database:Provider"] = _db.ToString(),
        ["Yiwang:Database:MigrateOnStart"] = "true",
        ["Yiwang:Seed:Persons"] = Persons.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Yiwang:Seed:DemoPassword"] = Password,
        ["Yiwang:Seed:DemoAccounts"] = "true",
        ["Yiwang:Limits:MaxRequestBodyBytes"] = "65536",
        // Tests that check risk grades run the job themselves; the background run (every minute in production) would
        // otherwise recompute in the middle of a test.
        ["Yiwang:Epidemic:RiskGradeInterval"] = "01:00:00",
        // Citizen tests sign up many residents from one address within a minute; VenuesTests checks the limit.
        ["Yiwang:HealthCodes:RegisterRateLimitPerMinute"] = "0",
        ["Yiwang:Intake:UploadDir"] = Path.Combine(Path.GetTempPath(), "yiwang-test-uploads"),
    };

    /// <summary>A client signed in as one of the demo accounts (cookie kept by the client).</summary>
    public async Task<HttpClient> LoginAsync(string user)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }

        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(AdminConnectionString());
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
    }
}
