using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Time;

namespace Yiwang.Epidemic.Features.Risk;

/// <summary>
/// Recomputes today's risk grades (district date) every ten minutes, so a new confirmed case raises its community's
/// grade the same morning; yesterday's rows stay as the history. Idempotent: an unchanged grade writes nothing.
/// </summary>
internal sealed class RiskGradeJob : IScheduledJob
{
    public const string JobName = "epidemic.risk-grades";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromMinutes(10);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        await services.GetRequiredService<RiskGrader>().ComputeAsync(DistrictTime.Today(clock), ct);
    }
}
