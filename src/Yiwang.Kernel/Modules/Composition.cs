using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Modules;

/// <summary>How a host composes the kernel and a list of modules: the same for the web host, tests and benchmarks.</summary>
public static class Composition
{
    public static WebApplicationBuilder AddModules(this WebApplicationBuilder builder, IReadOnlyList<IModule> modules)
    {
        builder.AddKernel();
        builder.Services.AddSingleton(modules);
        foreach (var module in modules)
        {
            builder.Services.AddSingleton(module.Model);
            module.AddServices(builder);
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder app, IReadOnlyList<IModule> modules)
    {
        app.MapKernelEndpoints();
        foreach (var module in modules)
        {
            module.MapEndpoints(app);
        }

        return app;
    }
}
