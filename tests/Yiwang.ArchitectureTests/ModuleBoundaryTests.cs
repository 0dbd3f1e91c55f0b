using System.Reflection;
using NetArchTest.Rules;

namespace Yiwang.ArchitectureTests;

/// <summary>
/// Keeps the modular monolith modular: the kernel knows no module, modules know only the kernel, and a
/// module's surface is its Module class and its pages; everything else stays internal.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly KernelAssembly = typeof(Kernel.KernelModule).Assembly;
    private static readonly Assembly HostAssembly = typeof(Host.Components.UiAssemblies).Assembly;

    /// <summary>Every module the host composes (its Razor class libraries other than the kernel).</summary>
    private static readonly string[] ModuleNames =
        [.. Host.Components.UiAssemblies.Modules.Where(a => a != KernelAssembly).Select(a => a.GetName().Name!)];

    public static TheoryData<string> Modules() => new(ModuleNames);

    private static Assembly Load(string name) => Host.Components.UiAssemblies.Modules.Single(a => a.GetName().Name == name);

    [Fact]
    public void The_kernel_depends_on_no_module_and_not_on_the_host()
    {
        var forbidden = ModuleNames.Concat(["Yiwang.Host", "Yiwang.Persistence"]).ToArray();
        var result = Types.InAssembly(KernelAssembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_depends_on_no_other_module_nor_on_the_host(string module)
    {
        var others = ModuleNames.Where(m => m != module).Concat(["Yiwang.Host", "Yiwang.Persistence"]).ToArray();
        var result = Types.InAssembly(Load(module)).ShouldNot().HaveDependencyOnAny(others).GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_exposes_only_its_entry_class_and_its_pages(string module)
    {
        var assembly = Load(module);
        var entry = module.Replace("Yiwang.", "", StringComparison.Ordinal) + "Module";
        var result = Types.InAssembly(assembly).That().ArePublic()
            .And().DoNotResideInNamespace(module + ".Components")
            .Should().HaveName(entry)
            .GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void Modules_have_no_controllers_or_mediators()
    {
        foreach (var a in Host.Components.UiAssemblies.Modules.Append(HostAssembly))
        {
            var result = Types.InAssembly(a).ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore.Mvc.ControllerBase", "MediatR").GetResult();
            Assert.True(result.IsSuccessful, Describe(result));
        }
    }

    private static string Describe(TestResult result) =>
        "violations: " + string.Join(", ", result.FailingTypeNames ?? []);
}
