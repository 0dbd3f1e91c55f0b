namespace Yiwang.Kernel.Events;

/// <summary>
/// An event written in the same transaction as the change that caused it and delivered afterwards by the
/// <see cref="OutboxDispatcher"/> to every handler of its topic — once, whichever host picks it up.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public string Topic { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>A host's claim on the message; expires so a crashed host's messages are taken over.</summary>
    public string? LockedBy { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
