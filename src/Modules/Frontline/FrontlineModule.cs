using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;
using Yiwang.Frontline.Data;
using Yiwang.Frontline.Features;
using Yiwang.Frontline.Features.Screening;
using Yiwang.Frontline.Features.Supplies;

using Yiwang.Kernel.Modules;

namespace Yiwang.Frontline;

/// <summary>The Frontline module's whole surface: its model and its endpoints.</summary>
public sealed class FrontlineModule : IModule
{
    public string Name => "frontline";

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FrontlineContext>();
        builder.AddScreening();
        builder.AddSupplies();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapScreening();
        app.MapSupplies();
    }

    public IModelContributor Model { get; } = new FrontlineModel();
}
