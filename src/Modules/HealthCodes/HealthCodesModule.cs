using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Data;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Citizens;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.HealthCodes.Features.Scanner;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.HealthCodes.Features.Tracing;
using Yiwang.HealthCodes.Features.Venues;
using Yiwang.Kernel.Data;

using Yiwang.Kernel.Modules;

namespace Yiwang.HealthCodes;

/// <summary>The HealthCodes module's whole surface: its model, services and endpoints.</summary>
public sealed class HealthCodesModule : IModule
{
    public string Name => "healthcodes";

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthCodesOptions>().Bind(builder.Configuration.GetSection(HealthCodesOptions.Section));
        builder.Services.AddSingleton<SigningKeyService>();
        builder.Services.AddSingleton<IReferenceDataSeeder, HealthCodesSeeder>();
        builder.Services.AddSingleton<IReferenceDataSeeder, DemoCitizenSeeder>();
        builder.Services.AddSingleton<ColourRules>();
        builder.Services.AddScoped<ColourEngine>();
        builder.Services.AddScoped<OverrideService>();
        builder.Services.AddSingleton<IOutboxHandler, CaseStateColourHandler>();
        builder.Services.AddSingleton<IOutboxHandler, FlagColourHandler>();
        builder.Services.AddSingleton<IScheduledJob, ColourReviewJob>();
        builder.Services.AddSingleton<IScheduledJob, ColourReevaluationJob>();
        builder.Services.AddSingleton<IUnitFigureSource, ColourFigures>();
        builder.Services.AddSingleton<CitizenLinks>();
        builder.Services.AddSingleton<KnownSubjects>();
        builder.Services.AddScoped<CodeIssuer>();
        builder.AddTracing();
        builder.AddVenues();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapHealthCodesApi();
        app.MapColoursApi();
        app.MapCitizenApi();
        app.MapScannerApi();
        app.MapTracing();
        app.MapVenues();
    }

    public IModelContributor Model { get; } = new HealthCodesModel();
}
