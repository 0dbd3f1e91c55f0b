using System.Reflection;
using Yiwang.Modules;

namespace Yiwang.Host.Components;

/// <summary>Assemblies whose routable pages the host serves: the kernel's and each module's.</summary>
internal static class UiAssemblies
{
    public static readonly Assembly[] Modules =
        [typeof(Kernel.KernelModule).Assembly, .. ModuleList.All.Select(m => m.UiAssembly)];
}
