using Yiwang.Kernel.Web;
using Yiwang.Kernel.Modules;
using Yiwang.Modules;
using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Spectre.Console;
using Yiwang.Host.Startup;
using Yiwang.Kernel;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;

namespace Yiwang.Host.Cli;

using Command = System.CommandLine.Command;

/// <summary>
/// Verbs of the host binary (<c>dotnet run --project src/Yiwang.Host -- VERB --help</c>). They use the same
/// composed services as the web host, so a verb and a request behave alike (scope, audit, validation).
/// </summary>
internal static class CliVerbs
{
    private static readonly string[] Verbs =
        ["migrate", "seed", "verify-audit", "create-account", "create-api-key", "--help", "-h", "-?", "--version"];

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (Verbs.Contains(args[0]) || ModuleList.All.Any(m => m.CliVerbs.Any(v => v.Name == args[0])));

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        // Only `seed` (and the web host's start-up) generates the demo population; other verbs need reference data only.
        app.Configuration["Yiwang:Seed:Persons"] = "0";
        var root = new RootCommand("一网 Yiwang — digital governance of Huangpi District. Without a verb the host serves the web UI and API.");
        root.Subcommands.Add(Migrate(app));
        root.Subcommands.Add(Seed(app));
        root.Subcommands.Add(VerifyAudit(app));
        root.Subcommands.Add(CreateAccount(app));
        root.Subcommands.Add(CreateApiKey(app));
        foreach (var verb in ModuleList.All.SelectMany(m => m.CliVerbs))
        {
            root.Subcommands.Add(verb.Create(app));
        }

        return await root.Parse(args).InvokeAsync();
    }

    private static Command Migrate(WebApplication app)
    {
        var cmd = new Command("migrate", "Apply database migrations (required for PostgreSQL) / 执行数据库迁移");
        cmd.SetAction(async (_, ct) =>
        {
            await using var scope = CliScope.Create(app, "cli:migrate");
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            await CliScope.MigrateAsync(db, ct);
            AnsiConsole.MarkupLine($"[green]Migrated[/] {db.Provider} / 迁移完成");
            return 0;
        });
        return cmd;
    }

    private static Command Seed(WebApplication app)
    {
        var persons = new Option<int>("--persons") { Description = "Demo persons to generate when the registry is empty", DefaultValueFactory = _ => 20_000 };
        var cmd = new Command("seed", "Load jurisdictions, demo accounts and a demo population if absent / 载入区划、演示账号和演示人口") { persons };
        cmd.SetAction(async (r, ct) =>
        {
            await using var scope = CliScope.Create(app, "cli:seed");
            if (!await CliScope.ReadyAsync(scope, ct))
            {
                return 2;
            }

            app.Configuration["Yiwang:Seed:Persons"] = r.GetValue(persons).ToString(CultureInfo.InvariantCulture);
            await DatabaseStartup.SeedAsync(scope.ServiceProvider, app.Configuration, app.Logger, ct);
            AnsiConsole.MarkupLine("[green]Seeded[/] / 初始化完成");
            return 0;
        });
        return cmd;
    }

    private static Command VerifyAudit(WebApplication app)
    {
        var cmd = new Command("verify-audit", "Verify the audit log's hash chain; names the first broken entry / 校验审计链");
        cmd.SetAction(async (_, ct) =>
        {
            await using var scope = CliScope.Create(app, "cli:verify-audit");
            if (!await CliScope.ReadyAsync(scope, ct))
            {
                return 2;
            }

            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(db.AuditEntries, ct);
            AuditVerification result = null!;
            await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask("audit chain / 审计链", maxValue: Math.Max(1, total));
                result = await AuditChain.VerifyAsync(db, new InlineProgress(v => task.Value = v), ct);
            });
            Console.WriteLine(result.Intact ? $"OK: {result.Message}" : $"BROKEN at entry {result.FirstBrokenSeq}: {result.Message}");
            return result.Intact ? 0 : 1;
        });
        return cmd;
    }

    private static Command CreateAccount(WebApplication app)
    {
        var user = new Option<string>("--user") { Description = "User name", Required = true };
        var role = new Option<AccountRole>("--role") { Description = "Role", Required = true };
        var unit = new Option<string>("--jurisdiction") { Description = "NBS code of the unit (6, 9 or 12 digits; empty for citizens)", DefaultValueFactory = _ => "" };
        var password = new Option<string>("--password") { Description = "Password (8 characters at least)", Required = true };
        var cmd = new Command("create-account", "Create a staff or citizen account / 创建账号") { user, role, unit, password };
        cmd.SetAction(async (r, ct) =>
        {
            await using var scope = CliScope.Create(app, "cli:create-account");
            if (!await CliScope.ReadyAsync(scope, ct))
            {
                return 2;
            }

            var code = r.GetValue(unit) ?? "";
            if (code.Length > 0 && await scope.ServiceProvider.GetRequiredService<JurisdictionDirectory>().FindAsync(code, ct) is null)
            {
                Console.Error.WriteLine($"未知的区划代码 / Unknown jurisdiction code: {code}");
                return 2;
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var result = await users.CreateAsync(
                new Account { UserName = r.GetValue(user), Role = r.GetValue(role), JurisdictionCode = code, DisplayName = r.GetValue(user)!, LockoutEnabled = true },
                r.GetValue(password)!);
            Console.WriteLine(result.Succeeded ? "Created / 已创建" : string.Join("; ", result.Errors.Select(e => e.Description)));
            return result.Succeeded ? 0 : 2;
        });
        return cmd;
    }

    private static Command CreateApiKey(WebApplication app)
    {
        var name = new Option<string>("--name") { Description = "Client name, e.g. the source system", Required = true };
        var role = new Option<AccountRole>("--role") { Description = "Role of the client", DefaultValueFactory = _ => AccountRole.SourceSystem };
        var unit = new Option<string>("--jurisdiction") { Description = "NBS code the client is bound to", DefaultValueFactory = _ => "420116" };
        var cmd = new Command("create-api-key", "Create an API key for a machine client; shown once / 创建接口密钥") { name, role, unit };
        cmd.SetAction(async (r, ct) =>
        {
            await using var scope = CliScope.Create(app, "cli:create-api-key");
            if (!await CliScope.ReadyAsync(scope, ct))
            {
                return 2;
            }

            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var code = r.GetValue(unit)!;
            if (await scope.ServiceProvider.GetRequiredService<JurisdictionDirectory>().FindAsync(code, ct) is null)
            {
                Console.Error.WriteLine($"未知的区划代码 / Unknown jurisdiction code: {code}");
                return 2;
            }

            var (key, prefix, hash) = ApiKeys.Create();
            db.ApiClients.Add(new ApiClient
            {
                Id = Guid.CreateVersion7(),
                Name = r.GetValue(name)!,
                Role = r.GetValue(role),
                JurisdictionCode = code,
                KeyPrefix = prefix,
                KeyHash = hash,
                CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            Console.WriteLine(key);
            return 0;
        });
        return cmd;
    }
}
