using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Epidemic.Features.Monitoring;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Jobs;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>Wiring of isolation (sites, assignments) and daily health monitoring into the host.</summary>
internal static class IsolationSetup
{
    public static WebApplicationBuilder AddIsolation(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MonitoringOptions>(builder.Configuration.GetSection(MonitoringOptions.Section));
        builder.Services.AddScoped<IsolationService>();
        builder.Services.AddScoped<IsolationSites>();
        builder.Services.AddSingleton<IScheduledJob, MissedMonitoringJob>();
        builder.Services.AddSingleton<IScheduledJob, IsolationReleaseJob>();
        builder.Services.AddSingleton<IUnitFigureSource, IsolationFigures>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIsolationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapIsolationApi();
        app.MapMonitoringApi();
        return app;
    }
}
