using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.Jobs;

namespace Yiwang.HealthCodes.Features.Tracing;

/// <summary>Exposure tracing and scan retention: services and endpoints.</summary>
internal static class TracingSetup
{
    public static WebApplicationBuilder AddTracing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TracingOptions>().Bind(builder.Configuration.GetSection(HealthCodesOptions.Section));
        builder.Services.AddScoped<ExposureTracer>();
        builder.Services.AddSingleton<IOutboxHandler, CaseConfirmedTracing>();
        builder.Services.AddSingleton<IScheduledJob, ScanRetentionJob>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTracing(this IEndpointRouteBuilder app) => app.MapTracingApi();
}
