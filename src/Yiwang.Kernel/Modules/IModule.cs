using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Modules;

/// <summary>
/// One bounded context of Yiwang, as the host, the design-time factories, the tests and the benchmarks see it.
/// Modules are listed once, in <c>Yiwang.Modules.ModuleList</c>; everything that composes them reads that list.
/// </summary>
public interface IModule
{
    /// <summary>Short stable name ("people", "epidemic"): the owner named in docs/architecture.md's tables.</summary>
    string Name { get; }

    /// <summary>The module's tables, for the context and for the migrations of both providers.</summary>
    IModelContributor Model { get; }

    /// <summary>The assembly whose routable pages the host serves.</summary>
    Assembly UiAssembly => GetType().Assembly;

    /// <summary>Services, handlers, jobs (IScheduledJob), event handlers (IOutboxHandler) and start-up seeders.</summary>
    void AddServices(WebApplicationBuilder builder);

    void MapEndpoints(IEndpointRouteBuilder app);

    /// <summary>Verbs of the host binary the module contributes (<c>dotnet run --project src/Yiwang.Host -- VERB</c>).</summary>
    IReadOnlyList<CliVerb> CliVerbs => [];
}
