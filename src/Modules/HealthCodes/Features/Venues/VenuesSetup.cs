using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>Venues and their scanners: settings, key cache, the online writer, the anonymous verify rate limit, endpoints.</summary>
internal static class VenuesSetup
{
    /// <summary>Rate limit policy of the anonymous verify endpoint: per client IP address.</summary>
    public const string VerifyRateLimitPolicy = "health-code-verify";

    /// <summary>Citizen sign-up and binding: guessing a phone for a known name and identity number stays slow.</summary>
    public const string RegisterRateLimitPolicy = "citizen-register";

    public static WebApplicationBuilder AddVenues(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<VenuesOptions>().Bind(builder.Configuration.GetSection(HealthCodesOptions.Section));
        builder.Services.AddSingleton<VenueKeys>();
        builder.Services.AddSingleton<OnlineScanWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OnlineScanWriter>());
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(VerifyRateLimitPolicy, http => PerClient(http, http.RequestServices.GetRequiredService<IOptions<VenuesOptions>>().Value.VerifyRateLimitPerMinute));
            o.AddPolicy(RegisterRateLimitPolicy, http => PerClient(http, http.RequestServices.GetRequiredService<IOptions<VenuesOptions>>().Value.RegisterRateLimitPerMinute));
            static RateLimitPartition<string> PerClient(HttpContext http, int perMinute)
            {
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return perMinute <= 0
                    ? RateLimitPartition.GetNoLimiter(client)
                    : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
            }

            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var refusal = new Refusal(StatusCodes.Status429TooManyRequests, "rate-limited", new Text(typeof(VenuesText), "Refusal_RateLimited"));
                await Problems.From(refusal).ExecuteAsync(http);
            };
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapVenues(this IEndpointRouteBuilder app)
    {
        app.MapVenuesApi();
        app.MapScanUploadApi();
        return app;
    }
}
