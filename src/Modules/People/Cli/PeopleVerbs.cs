using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Yiwang.Kernel;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Modules;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.Web;
using Yiwang.People.Domain;
using Yiwang.People.Features;
using Yiwang.People.Generation;
using Yiwang.People.Intake;
using Yiwang.People.Intake.Files;

namespace Yiwang.People.Cli;

using Command = System.CommandLine.Command;

/// <summary>The People verbs of the host binary: a synthetic population, and a source's file through the intake.</summary>
internal static class PeopleVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("generate-population", GeneratePopulation),
        new("import", Import),
    ];

    internal static Command GeneratePopulation(WebApplication app)
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

            await using var scope = CliScope.Create(app, "cli:generate-population");
            if (!await CliScope.ReadyAsync(scope, ct))
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

    internal static Command Import(WebApplication app)
    {
        var source = new Option<string>("--source") { Description = "Source system code, e.g. gaj-huji, cdc-cases, hospital-fever, mz-civil, manual", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "CSV (UTF-8 or GBK) or XLSX file", Required = true };
        var map = new Option<string[]>("--map") { Description = "Field=Header pairs overriding the header-based mapping, e.g. --map IdNumber=证件号", AllowMultipleArgumentsPerToken = true };
        var report = new Option<FileInfo?>("--report") { Description = "Write the rejected rows (row, field, reason) to this CSV" };
        var cmd = new Command("import", "Import a source's file through the same validation as the API / 导入数据源文件") { source, file, map, report };
        cmd.SetAction(async (r, ct) =>
        {
            await using var scope = CliScope.Create(app, "cli:import");
            if (!await CliScope.ReadyAsync(scope, ct))
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
            ImportBatch batch = null!;
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
                    db.Set<ImportRejection>().Where(x => x.BatchId == batch.Id).OrderBy(x => x.RowNumber));
                await TableExport.WriteCsvAsync<ImportRejection>(output,
                    [("row", x => x.RowNumber.ToString(CultureInfo.InvariantCulture)), ("field", x => x.Field), ("code", x => x.Code), ("reason", x => x.Zh), ("reason_en", x => x.En)],
                    rows, ct);
            }

            return batch.Rejected > 0 ? 1 : 0;
        });
        return cmd;
    }
}
