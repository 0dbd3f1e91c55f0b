using Yiwang.Kernel.Web;
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
using Yiwang.People.Features;
using Yiwang.People.Intake;
using Yiwang.People.Intake.Files;
using Yiwang.People.Generation;

namespace Yiwang.Host.Cli;

using Command = System.CommandLine.Command;

/// <summary>
/// Verbs of the host binary (<c>dotnet run --project src/Yiwang.Host -- VERB --help</c>). They use the same
/// composed services as the web host, so a verb and a request behave alike (scope, audit, validation).
/// </summary>
internal static class CliVerbs
{
    private static readonly string[] Verbs =
        ["migrate", "seed", "generate-population", "import", "verify-audit", "create-account", "create-api-key", "--help", "-h", "-?", "--version"];

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (Verbs.Contains(args[0]) || ModuleList.All.Any(m => m.CliVerbs.Any(v => v.Name == args[0])));

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var root = new RootCommand("一网 Yiwang — digital governance of Huangpi District. Without a verb the host serves the web UI and API.");
        root.Subcommands.Add(Migrate(app));
        root.Subcommands.Add(Seed(app));
        root.Subcommands.Add(GeneratePopulation(app));
        root.Subcommands.Add(Import(app));
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
            await using var scope = Scope(app, "cli:migrate");
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            await DatabaseStartup.MigrateAsync(db, ct);
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
            await using var scope = Scope(app, "cli:seed");
            if (!await ReadyAsync(scope, ct))
            {
                return 2;
            }

            var config = new ConfigurationBuilder().AddConfiguration(app.Configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Yiwang:Seed:Persons"] = r.GetValue(persons).ToString(CultureInfo.InvariantCulture) })
                .Build();
            await DatabaseStartup.SeedAsync(scope.ServiceProvider, config, app.Logger, ct);
            AnsiConsole.MarkupLine("[green]Seeded[/] / 初始化完成");
            return 0;
        });
        return cmd;
    }

    private static Command GeneratePopulation(WebApplication app)
    {
        var count = new Option<int>("--count") { Description = "Persons to generate (2020 census: 1,151,644)", DefaultValueFactory = _ => 1_151_644 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same people", DefaultValueFactory = _ => PopulationSeeder.DefaultSeed };
        var output = new Option<FileInfo?>("--out") { Description = "Write the persons to this CSV file" };
        var intoDb = new Option<bool>("--into-db") { Description = "Insert them into the database (the registry must be empty)" };
        var cmd = new Command("generate-population", "Generate a synthetic population in the real communities / 生成模拟人口") { count, seed, output, intoDb };
        cmd.SetAction(async (r, ct) =>
        {
            var n = r.GetValue(count);
            var file = r.GetValue(output);
            if (n < 1 || n > 20_000_000)
            {
                AnsiConsole.MarkupLine("[red]--count must be between 1 and 20,000,000 / 人数应在 1 到 2000 万之间[/]");
                return 2;
            }

            if (file is null && !r.GetValue(intoDb))
            {
                AnsiConsole.MarkupLine("[red]Give --out FILE and/or --into-db / 请指定 --out 文件 或 --into-db[/]");
                return 2;
            }

            await using var scope = Scope(app, "cli:generate-population");
            if (!await ReadyAsync(scope, ct))
            {
                return 2;
            }

            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<YiwangDbContext>();
            var dir = sp.GetRequiredService<JurisdictionDirectory>();
            var clock = sp.GetRequiredService<TimeProvider>();
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    if (file is not null)
                    {
                        var task = ctx.AddTask($"CSV {file.Name}", maxValue: n);
                        var slots = await PopulationSeeder.SlotsAsync(dir, ct);
                        await using var w = new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(false));
                        await w.WriteLineAsync(PopulationCsv.Header);
                        long written = 0;
                        foreach (var h in new PopulationGenerator(r.GetValue(seed)).Generate(slots, n, DistrictTime.Today(clock)))
                        {
                            foreach (var p in h.Members)
                            {
                                PopulationCsv.WriteRow(w, p);
                            }

                            written += h.Members.Count;
                            task.Value = written;
                        }
                    }

                    if (r.GetValue(intoDb))
                    {
                        if (await PopulationSeeder.AnyPersonsAsync(db, ct))
                        {
                            throw new InvalidOperationException("The registry already holds persons; --into-db needs an empty registry. / 人口库非空。");
                        }

                        var task = ctx.AddTask("database / 数据库", maxValue: n);
                        await PopulationSeeder.SeedAsync(db, sp.GetRequiredService<IntakeEngine>(), dir, n, r.GetValue(seed), clock, new InlineProgress(v => task.Value = v), ct);
                    }
                });
            AnsiConsole.MarkupLine($"[green]Generated {n:N0} persons[/] / 已生成 {n:N0} 人");
            return 0;
        });
        return cmd;
    }

    private static Command Import(WebApplication app)
    {
        var source = new Option<string>("--source") { Description = "Source system code, e.g. gaj-huji, cdc-cases, hospital-fever, mz-civil, manual", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "CSV (UTF-8 or GBK) or XLSX file", Required = true };
        var map = new Option<string[]>("--map") { Description = "Field=Header pairs overriding the header-based mapping, e.g. --map IdNumber=证件号", AllowMultipleArgumentsPerToken = true };
        var report = new Option<FileInfo?>("--report") { Description = "Write the rejected rows (row, field, reason) to this CSV" };
        var cmd = new Command("import", "Import a source's file through the same validation as the API / 导入数据源文件") { source, file, map, report };
        cmd.SetAction(async (r, ct) =>
        {
            await using var scope = Scope(app, "cli:import");
            if (!await ReadyAsync(scope, ct))
            {
                return 2;
            }

            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<YiwangDbContext>();
            var src = await SourceCatalog.FindAsync(db, r.GetValue(source)!, ct);
            if (src is null)
            {
                Console.Error.WriteLine($"未知的数据源 / Unknown source: {r.GetValue(source)}");
                return 2;
            }

            var path = r.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"文件不存在 / No such file: {path.FullName}");
                return 2;
            }

            FileInspection inspection;
            ColumnMapping mapping;
            try
            {
                await using (var probe = path.OpenRead())
                {
                    inspection = IntakeFileReader.Inspect(probe, path.Name);
                }

                var overrides = new Dictionary<IntakeField, string>();
                foreach (var pair in r.GetValue(map) ?? [])
                {
                    var parts = pair.Split('=', 2);
                    if (parts.Length != 2 || !Enum.TryParse<IntakeField>(parts[0], ignoreCase: true, out var field))
                    {
                        Console.Error.WriteLine($"--map 应为 字段=表头 / --map must be Field=Header: {pair}");
                        return 2;
                    }

                    overrides[field] = parts[1];
                }

                mapping = overrides.Count == 0 ? ColumnMapping.Suggest(inspection.Headers) : ColumnMapping.FromNames(inspection.Headers, overrides);
            }
            catch (IntakeFileException e)
            {
                Console.Error.WriteLine(e.Message);
                return 3;
            }

            Console.WriteLine($"{src.Code} ({src.RecordType}) ← {path.Name}: {mapping.Describe()}");
            var engine = sp.GetRequiredService<IntakeEngine>();
            Yiwang.People.Domain.ImportBatch batch = null!;
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(path.Name, maxValue: Math.Max(1, inspection.DataRowCount ?? path.Length / 100));
                    await using var stream = path.OpenRead();
                    batch = await engine.RunAsync(src, AccessScope.District, "cli", path.Name,
                        IntakeFileReader.Read(stream, path.Name, mapping, ct), "cli:import", new InlineProgress(v => task.Value = v), ct);
                    task.Value = task.MaxValue;
                });
            Console.WriteLine($"{batch.Status}: {batch.Rows} rows, {batch.Created} created, {batch.Updated} updated, {batch.Unchanged} unchanged, {batch.Rejected} rejected, {batch.NeedsReview} to review");
            if (batch.Error is not null)
            {
                Console.Error.WriteLine(batch.Error);
                return 3;
            }

            if (r.GetValue(report) is { } reportFile)
            {
                await using var output = reportFile.Create();
                var rows = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsAsyncEnumerable(
                    db.Set<Yiwang.People.Domain.ImportRejection>().Where(x => x.BatchId == batch.Id).OrderBy(x => x.RowNumber));
                await TableExport.WriteCsvAsync<Yiwang.People.Domain.ImportRejection>(output,
                    [("row", x => x.RowNumber.ToString(CultureInfo.InvariantCulture)), ("field", x => x.Field), ("code", x => x.Code), ("reason", x => x.Zh), ("reason_en", x => x.En)],
                    rows, ct);
            }

            return batch.Rejected > 0 ? 1 : 0;
        });
        return cmd;
    }

    private static Command VerifyAudit(WebApplication app)
    {
        var cmd = new Command("verify-audit", "Verify the audit log's hash chain; names the first broken entry / 校验审计链");
        cmd.SetAction(async (_, ct) =>
        {
            await using var scope = Scope(app, "cli:verify-audit");
            if (!await ReadyAsync(scope, ct))
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
            await using var scope = Scope(app, "cli:create-account");
            if (!await ReadyAsync(scope, ct))
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
            await using var scope = Scope(app, "cli:create-api-key");
            if (!await ReadyAsync(scope, ct))
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

    private static AsyncServiceScope Scope(WebApplication app, string actor)
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(actor);
        return scope;
    }

    /// <summary>
    /// Verbs work on a migrated database: SQLite is migrated as the web host would; PostgreSQL must have been
    /// migrated by the explicit verb, else this says so instead of failing on a missing table.
    /// </summary>
    private static async Task<bool> ReadyAsync(AsyncServiceScope scope, CancellationToken ct)
    {
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        if (scope.ServiceProvider.GetRequiredService<DatabaseOptions>().MigrateOnStart)
        {
            await DatabaseStartup.MigrateAsync(db, ct);
        }
        else if ((await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database, ct)).Any())
        {
            Console.Error.WriteLine("数据库迁移未执行，请先运行 migrate / The database is not migrated: run the migrate verb first");
            return false;
        }

        // Reference data every verb may need: the division tree, the source systems and each module's seeders.
        if (await JurisdictionSeeder.EnsureAsync(db, ct) > 0)
        {
            scope.ServiceProvider.GetRequiredService<JurisdictionDirectory>().Invalidate();
        }

        await SourceCatalog.EnsureDefaultsAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        foreach (var seeder in scope.ServiceProvider.GetServices<IReferenceDataSeeder>())
        {
            await seeder.EnsureAsync(scope.ServiceProvider, ct);
        }

        return true;
    }
}
