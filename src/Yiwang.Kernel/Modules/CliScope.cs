using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Kernel.Modules;

/// <summary>What every verb of the host binary runs with, the host's and the modules' alike: a scope acting as a named
/// CLI actor, on a migrated database holding the reference data.</summary>
public static class CliScope
{
    public static AsyncServiceScope Create(WebApplication app, string actor)
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(actor);
        return scope;
    }

    /// <summary>
    /// SQLite is migrated as the web host would; PostgreSQL must have been migrated by the explicit verb, else this
    /// says so instead of failing on a missing table. Then the reference data every verb may need.
    /// </summary>
    public static async Task<bool> ReadyAsync(AsyncServiceScope scope, CancellationToken ct)
    {
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<YiwangDbContext>();
        if (sp.GetRequiredService<DatabaseOptions>().MigrateOnStart)
        {
            await MigrateAsync(db, ct);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await Console.Error.WriteLineAsync("数据库迁移未执行，请先运行 migrate / The database is not migrated: run the migrate verb first");
            return false;
        }

        if (await JurisdictionSeeder.EnsureAsync(db, ct) > 0)
        {
            sp.GetRequiredService<JurisdictionDirectory>().Invalidate();
        }

        foreach (var seeder in sp.GetServices<IReferenceDataSeeder>())
        {
            await seeder.EnsureAsync(sp, ct);
        }

        return true;
    }

    public static async Task MigrateAsync(YiwangDbContext db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer writes.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(ct);
    }
}
