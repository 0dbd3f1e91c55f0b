using Yiwang.Kernel.Data;
using Yiwang.Kernel.Modules;

namespace Yiwang.Modules;

/// <summary>
/// Every module of Yiwang, declared once. The host, the design-time factories of both providers, the tests and the
/// benchmarks compose from this list; an architecture test fails when a project under src/Modules is missing here.
/// Order matters where start-up seeding depends on another module's data (People's residents before health codes).
/// </summary>
public static class ModuleList
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        new People.PeopleModule(),
        new Command.CommandModule(),
        new Epidemic.EpidemicModule(),
        new Frontline.FrontlineModule(),
        new HealthCodes.HealthCodesModule(),
    ];

    /// <summary>Every module's tables, for a context built without a host (migrations, benchmarks, tests).</summary>
    public static IReadOnlyList<IModelContributor> Models { get; } = [.. All.Select(m => m.Model)];
}
