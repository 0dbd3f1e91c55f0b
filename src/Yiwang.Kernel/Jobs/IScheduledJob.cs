namespace Yiwang.Kernel.Jobs;

/// <summary>
/// Periodic background work (escalating overdue work orders, detecting missed follow-ups, daily risk grades,
/// deleting expired sightings and scans). Modules register jobs in DI; <see cref="JobScheduler"/> runs each one
/// on exactly one host per due time, however many hosts share the database.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Unique, stable name (the row in <c>scheduled_jobs</c>), e.g. "command.escalate-overdue".</summary>
    string Name { get; }

    /// <summary>Time between the end of one run and the next due time.</summary>
    TimeSpan Interval { get; }

    /// <summary>Does one round of the work. Runs in its own DI scope, acting as <c>system:job:{Name}</c>; must be
    /// idempotent (a host that crashes mid-run leaves the job to be run again after its lease).</summary>
    Task RunAsync(IServiceProvider services, CancellationToken ct);
}
