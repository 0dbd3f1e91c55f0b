using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.Epidemic.Features.Monitoring;
using Yiwang.Kernel.Jobs;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>
/// Ends the isolation assignments of records that reached a terminal state (released, recovered, deceased…) and
/// frees their beds, so occupancy follows the records without every state change knowing about isolation.
/// </summary>
internal sealed class IsolationReleaseJob(IOptions<MonitoringOptions> options) : IScheduledJob
{
    public const string JobName = "epidemic.isolation-release-closed";

    public string Name => JobName;

    public TimeSpan Interval => options.Value.ReleaseClosedInterval;

    public Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<IsolationService>().ReleaseClosedAsync(Math.Clamp(options.Value.BatchSize, 1, 5000), ct);
}
