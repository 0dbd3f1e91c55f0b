using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Jobs;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>Settings under <c>Yiwang:Screening</c>.</summary>
internal sealed class ScreeningOptions
{
    /// <summary>Sightings are deleted this many days after they were seen.</summary>
    public int SightingRetentionDays { get; set; } = 14;

    /// <summary>A returnee matches screening events for this many days after the arrival date.</summary>
    public int ObservationDays { get; set; } = 14;

    /// <summary>Accepted difference between a request's timestamp and Yiwang's clock, either way.</summary>
    public int ClockSkewMinutes { get; set; } = 5;

    /// <summary>Largest webhook body accepted.</summary>
    public int MaxEventBytes { get; set; } = 16 * 1024;

    /// <summary>Time the community has to verify a sighted returnee.</summary>
    public int VerificationDueHours { get; set; } = 12;
}

/// <summary>Checkpoints and returnee screening: services and endpoints.</summary>
internal static class ScreeningSetup
{
    public static WebApplicationBuilder AddScreening(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ScreeningOptions>(builder.Configuration.GetSection("Yiwang:Screening"));
        builder.Services.AddScoped<ScreeningEvents>();
        builder.Services.AddSingleton<IScheduledJob, ExpireSightingsJob>();
        builder.Services.AddSingleton<IUnitFigureSource, CheckpointFigures>();
        return builder;
    }

    public static IEndpointRouteBuilder MapScreening(this IEndpointRouteBuilder app)
    {
        app.MapCheckpointsApi();
        app.MapReturneesApi();
        app.MapSendersApi();
        app.MapSightingsApi();
        app.MapScreeningWebhook();
        return app;
    }
}
