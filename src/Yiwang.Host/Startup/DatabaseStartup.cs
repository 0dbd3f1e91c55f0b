using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Host.Startup;

/// <summary>
/// Before the host listens: migrate (SQLite by default; PostgreSQL only when configured, else via the
/// <c>migrate</c> verb), then first-run seeding. Several hosts may start together against one PostgreSQL:
/// seeding holds a session advisory lock so only one of them does it.
/// </summary>
internal static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var state = app.Services.GetRequiredService<StartupState>();
        var log = app.Services.GetRequiredService<ILogger<StartupState>>();
        var config = app.Configuration;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs("system:startup");

        if (options.MigrateOnStart)
        {
            await Kernel.Modules.CliScope.MigrateAsync(db, CancellationToken.None);
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            state.Problem = "migrations pending: run `dotnet run --project src/Yiwang.Host -- migrate` / 数据库迁移未执行";
            log.LogError("The database has pending migrations. Run: dotnet run --project src/Yiwang.Host -- migrate");
            return;
        }

        if (config.GetValue("Yiwang:Seed:OnStart", true))
        {
            await SeedAsync(scope.ServiceProvider, config, log, CancellationToken.None);
        }

        state.Problem = null;
        if (config.GetValue("Yiwang:Seed:DemoAccounts", true))
        {
            app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, config));
        }
    }

    /// <summary>
    /// Jurisdictions, demo accounts, then the modules' seeders in module order (People's source systems and demo
    /// population first, so later modules find persons), each only if absent.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider sp, IConfiguration config, ILogger log, CancellationToken ct)
    {
        var db = sp.GetRequiredService<YiwangDbContext>();
        await using var seedLock = await SeedLock.AcquireAsync(db, ct);
        var units = await JurisdictionSeeder.EnsureAsync(db, ct);
        var dir = sp.GetRequiredService<JurisdictionDirectory>();
        if (units > 0)
        {
            dir.Invalidate();
            log.LogInformation("Loaded {Units} jurisdiction units / 已载入 {Units} 个行政区划", units, units);
        }

        if (config.GetValue("Yiwang:Seed:DemoAccounts", true))
        {
            var created = await DemoAccounts.EnsureAsync(sp.GetRequiredService<UserManager<Account>>(), DemoPassword(config));
            if (created > 0)
            {
                log.LogInformation("Created {Count} demo accounts / 已创建 {Count} 个演示账号", created, created);
            }
        }

        foreach (var seeder in sp.GetServices<IReferenceDataSeeder>())
        {
            await seeder.EnsureAsync(sp, ct);
        }
    }

    internal static string DemoPassword(IConfiguration config) => config["Yiwang:Seed:DemoPassword"] is { Length: >= 8 } p ? p : "Yiwang-2026";

    private static void PrintWelcome(WebApplication app, IConfiguration config)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5080";
        var lines = new List<string>
        {
            "",
            "=== 一网 Yiwang is running / 已启动 ===",
            $"Open / 打开: {url}    API: {url}/scalar    Health: {url}/healthz",
            $"Demo accounts / 演示账号 (password / 密码: {DemoPassword(config)}):",
        };
        lines.AddRange(DemoAccounts.All.Select(d => $"  user {d.UserName,-11} {d.Role,-18} {d.JurisdictionCode,-12} {d.DisplayName}"));
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
