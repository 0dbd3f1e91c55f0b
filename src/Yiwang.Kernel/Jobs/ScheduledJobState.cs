namespace Yiwang.Kernel.Jobs;

/// <summary>One job's schedule and lease, shared by every host.</summary>
public sealed class ScheduledJobState
{
    public string Name { get; set; } = "";

    public DateTimeOffset NextRunAt { get; set; }

    /// <summary>The host running it now, if any.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    public string? LastError { get; set; }

    public long Runs { get; set; }
}
