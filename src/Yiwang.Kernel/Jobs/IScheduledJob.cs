namespace Yiwang.Kernel.Jobs;

/// <summary>Periodic work, run by <see cref="JobScheduler"/> on exactly one host per due time.</summary>
public interface IScheduledJob
{
    /// <summary>Unique, stable name (the row in <c>scheduled_jobs</c>), e.g. "command.escalate-overdue".</summary>
    string Name { get; }

    TimeSpan Interval { get; }

    /// <summary>Runs in its own scope as <c>system:job:{Name}</c>; must be idempotent (a crash mid-run means a rerun).</summary>
    Task RunAsync(IServiceProvider services, CancellationToken ct);
}
