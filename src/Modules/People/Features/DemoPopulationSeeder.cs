using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.People.Intake;

namespace Yiwang.People.Features;

/// <summary>A demo population (<c>Yiwang:Seed:Persons</c>, none when unset) when the registry is empty. Runs after
/// <see cref="SourceSystemsSeeder"/> (it imports through the household-registration source) and before the other
/// modules' seeders, which may look for persons.</summary>
internal sealed partial class DemoPopulationSeeder : IReferenceDataSeeder
{
    public async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var persons = services.GetRequiredService<IConfiguration>().GetValue("Yiwang:Seed:Persons", 0);
        var db = services.GetRequiredService<YiwangDbContext>();
        if (persons <= 0 || await PopulationSeeder.AnyPersonsAsync(db, ct))
        {
            return;
        }

        var log = services.GetRequiredService<ILogger<DemoPopulationSeeder>>();
        Generating(log, persons);
        var batch = await PopulationSeeder.SeedAsync(
            db, services.GetRequiredService<IntakeEngine>(), services.GetRequiredService<JurisdictionDirectory>(), persons,
            PopulationSeeder.DefaultSeed, services.GetRequiredService<TimeProvider>(), null, ct);
        Imported(log, batch.Created);
    }

    [LoggerMessage(LogLevel.Information, "Generating {Count} synthetic persons / 正在生成模拟居民")]
    private static partial void Generating(ILogger log, int count);

    [LoggerMessage(LogLevel.Information, "Imported {Created} persons through the household-registration intake / 已通过户籍接口导入")]
    private static partial void Imported(ILogger log, long created);
}
