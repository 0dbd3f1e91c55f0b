using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;
using Yiwang.Epidemic.Data;

namespace Yiwang.Epidemic;

/// <summary>The Epidemic module's whole surface: its model and its endpoints.</summary>
public static class EpidemicModule
{
    public static WebApplicationBuilder AddEpidemic(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IModelContributor, EpidemicModel>();
        return builder;
    }

    public static IEndpointRouteBuilder MapEpidemicEndpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }

    /// <summary>Design-time factories and tests build the model without a host.</summary>
    public static IModelContributor ModelContributor { get; } = new EpidemicModel();
}
