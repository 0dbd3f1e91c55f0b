using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Epidemic.Data;
using Yiwang.Epidemic.Features;
using Yiwang.Epidemic.Features.Isolation;
using Yiwang.Epidemic.Features.Dashboard;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;

using Yiwang.Kernel.Modules;

namespace Yiwang.Epidemic;

/// <summary>The Epidemic module's whole surface: its model, services and endpoints.</summary>
public sealed class EpidemicModule : IModule
{
    public string Name => "epidemic";

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IReferenceDataSeeder, EpidemicSeeder>();
        builder.Services.AddSingleton<DiseaseCatalog>();
        builder.Services.AddScoped<CaseWorkflow>();
        builder.Services.AddScoped<EpidemicContext>();
        builder.Services.AddSingleton<IOutboxHandler, CaseFeedHandler>();
        builder.Services.AddSingleton<IOutboxHandler, ContactsConfirmedHandler>();
        builder.AddIsolation();
        builder.Services.AddEpidemicDashboard();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapCaseApi();
        app.MapDiseaseApi();
        app.MapIsolationEndpoints();
        app.MapEpidemicDashboard();
    }

    public IModelContributor Model { get; } = new EpidemicModel();
}
