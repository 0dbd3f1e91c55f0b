using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>Residents' supplies (物资保障) inside the Frontline module: one line each in FrontlineModule.</summary>
internal static class SuppliesSetup
{
    public static WebApplicationBuilder AddSupplies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IUnitFigureSource, SuppliesOutstanding>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSupplies(this IEndpointRouteBuilder app)
    {
        app.MapSupplyRequestsApi();
        app.MapStockApi();
        return app;
    }
}
