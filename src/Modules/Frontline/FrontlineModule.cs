using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;
using Yiwang.Frontline.Data;
using Yiwang.Frontline.Features.Screening;
using Yiwang.Frontline.Features.Supplies;

namespace Yiwang.Frontline;

/// <summary>The Frontline module's whole surface: its model and its endpoints.</summary>
public static class FrontlineModule
{
    public static WebApplicationBuilder AddFrontline(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IModelContributor, FrontlineModel>();
        builder.AddScreening();
        builder.AddSupplies();
        return builder;
    }

    public static IEndpointRouteBuilder MapFrontlineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapScreening();
        app.MapSupplies();
        return app;
    }

    /// <summary>Design-time factories and tests build the model without a host.</summary>
    public static IModelContributor ModelContributor { get; } = new FrontlineModel();
}
