using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Yiwang.Kernel.Data;

/// <summary>Bound from configuration section <c>Yiwang:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqlitePath = "data/yiwang.db";

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; init; } = "";

    /// <summary>Apply migrations at start-up. Default for SQLite; PostgreSQL migrates by the explicit <c>migrate</c> verb.</summary>
    public bool MigrateOnStart { get; init; }

    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Yiwang:Database");
        var provider = Enum.TryParse<DatabaseProvider>(section["Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;
        var cs = configuration.GetConnectionString("Yiwang");
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    "Yiwang:Database:Provider is Postgres but ConnectionStrings:Yiwang is empty. / 已选择 PostgreSQL，但未配置连接字符串 ConnectionStrings:Yiwang。");
            }

            cs = $"Data Source={DefaultSqlitePath}";
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            cs = PrepareSqlite(cs);
        }

        var migrate = bool.TryParse(section["MigrateOnStart"], out var m) ? m : provider == DatabaseProvider.Sqlite;
        return new DatabaseOptions { Provider = provider, ConnectionString = cs, MigrateOnStart = migrate };
    }

    // Creates the file's folder so the first run needs no setup.
    private static string PrepareSqlite(string connectionString)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(b.DataSource) && b.DataSource != ":memory:" && b.Mode != SqliteOpenMode.Memory)
        {
            b.DataSource = Path.GetFullPath(b.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(b.DataSource)!);
        }

        // Writers wait for each other instead of failing at once.
        b.DefaultTimeout = 30;
        return b.ToString();
    }

    // ids.Contains(x.Id) goes as one array parameter: 4,000 expanded parameters cost more to plan than to run.
    public void Apply(DbContextOptionsBuilder builder)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(ConnectionString, o => o
                    .MigrationsAssembly("Yiwang.Persistence.Sqlite")
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                builder.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(ConnectionString, o => o
                    .MigrationsAssembly("Yiwang.Persistence.Postgres")
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}");
        }

        builder.UseSnakeCaseNamingConvention();
    }
}
