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

    /// <summary>Every module, from the one list the host composes.</summary>
    private static readonly string[] ModuleNames = [.. global::Yiwang.Modules.ModuleList.All.Select(m => m.UiAssembly.GetName().Name!)];

    public static TheoryData<string> Modules() => new(ModuleNames);

    private static Assembly Load(string name) => global::Yiwang.Modules.ModuleList.All.Single(m => m.UiAssembly.GetName().Name == name).UiAssembly;

    [Fact]
    public void Every_project_under_src_Modules_is_in_the_module_list()
    {
        var root = RepositoryRoot();
        var projects = Directory.GetFiles(Path.Combine(root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.NotEmpty(projects);
        Assert.Equal(projects, ModuleNames.Order().ToArray());
    }

    [Fact]
    public void The_host_serves_the_pages_of_every_listed_module()
    {
        foreach (var module in global::Yiwang.Modules.ModuleList.All)
        {
            Assert.Contains(module.UiAssembly, Host.Components.UiAssemblies.Modules);
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yiwang.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Yiwang.slnx not found above " + AppContext.BaseDirectory);
    }

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

    [Theory]
    [MemberData(nameof(Modules))]
    public void PostgreSQL_only_code_lives_in_the_modules_Postgres_folder(string module)
    {
        var result = Types.InAssembly(Load(module))
            .That().HaveDependencyOnAny("Npgsql", "NpgsqlTypes", "Microsoft.EntityFrameworkCore.Npgsql")
            .Should().ResideInNamespace(module + ".Postgres")
            .GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void The_host_sees_no_module_internals(string module)
    {
        var friends = Load(module).GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName);
        Assert.DoesNotContain("Yiwang.Host", friends);
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
