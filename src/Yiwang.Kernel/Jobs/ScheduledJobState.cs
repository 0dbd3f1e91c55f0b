namespace Yiwang.Kernel.Jobs;

public sealed class ScheduledJobState
{
    public string Name { get; set; } = "";

    public DateTimeOffset NextRunAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    public string? LastError { get; set; }

    public long Runs { get; set; }
}
