using System.Reflection;

namespace Yiwang.Host.Components;

/// <summary>Assemblies whose routable pages the host serves: the kernel's and each module's.</summary>
internal static class UiAssemblies
{
    public static readonly Assembly[] Modules =
    [
        typeof(Kernel.KernelModule).Assembly,
        typeof(People.PeopleModule).Assembly,
        typeof(Command.CommandModule).Assembly,
        typeof(Epidemic.EpidemicModule).Assembly,
        typeof(Frontline.FrontlineModule).Assembly,
        typeof(HealthCodes.HealthCodesModule).Assembly,
    ];
}
