using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Epidemic.Data;
using Yiwang.Epidemic.Features;
using Yiwang.Epidemic.Features.Isolation;
using Yiwang.Epidemic.Features.Dashboard;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;

namespace Yiwang.Epidemic;

/// <summary>The Epidemic module's whole surface: its model, services and endpoints.</summary>
public static class EpidemicModule
{
    public static WebApplicationBuilder AddEpidemic(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IModelContributor, EpidemicModel>();
        builder.Services.AddSingleton<IReferenceDataSeeder, EpidemicSeeder>();
        builder.Services.AddSingleton<DiseaseCatalog>();
        builder.Services.AddScoped<CaseWorkflow>();
        builder.Services.AddSingleton<IOutboxHandler, CaseFeedHandler>();
        builder.Services.AddSingleton<IOutboxHandler, ContactsConfirmedHandler>();
        builder.AddIsolation();
        builder.Services.AddEpidemicDashboard();
        return builder;
    }

    public static IEndpointRouteBuilder MapEpidemicEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapCaseApi();
        app.MapDiseaseApi();
        app.MapIsolationEndpoints();
        app.MapEpidemicDashboard();
        return app;
    }

    /// <summary>Design-time factories and tests build the model without a host.</summary>
    public static IModelContributor ModelContributor { get; } = new EpidemicModel();
}
