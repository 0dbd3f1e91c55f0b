using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Epidemic.Features.Risk;
using Yiwang.Kernel.Jobs;

namespace Yiwang.Epidemic.Features.Dashboard;

/// <summary>The dashboard's and risk grades' services and routes, added by <see cref="EpidemicModule"/>.</summary>
internal static class DashboardSetup
{
    public static IServiceCollection AddEpidemicDashboard(this IServiceCollection services)
    {
        services.AddScoped<DashboardQuery>();
        services.AddSingleton<DashboardMaps>();
        services.AddScoped<RiskGrader>();
        services.AddSingleton<IScheduledJob, RiskGradeJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapEpidemicDashboard(this IEndpointRouteBuilder app)
    {
        app.MapDashboardApi();
        app.MapRiskApi();
        return app;
    }
}
