using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Time;

namespace Yiwang.Epidemic.Features.Risk;

/// <summary>
/// Recomputes today's risk grades (district date) every minute by default (`Yiwang:Epidemic:RiskGradeInterval`), so a
/// new confirmed case raises its community's grade on the command dashboard within about a minute; yesterday's rows
/// stay as the history. All 702 units take about 0.1 s at district size; an unchanged grade writes nothing.
/// </summary>
internal sealed class RiskGradeJob(IConfiguration config) : IScheduledJob
{
    public const string JobName = "epidemic.risk-grades";

    public string Name => JobName;

    public TimeSpan Interval => config.GetValue("Yiwang:Epidemic:RiskGradeInterval", TimeSpan.FromMinutes(1));

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        await services.GetRequiredService<RiskGrader>().ComputeAsync(DistrictTime.Today(clock), ct);
    }
}
