namespace Yiwang.Kernel.Events;

/// <summary>An event saved in the transaction of the change that caused it, delivered later to its topic's handlers.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public string Topic { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public string? LockedBy { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
