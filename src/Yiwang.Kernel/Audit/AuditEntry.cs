namespace Yiwang.Kernel.Audit;

/// <summary><see cref="Hash"/> covers every other field and the previous entry's hash, so changing or removing any row breaks
/// the chain from that row on.</summary>
public sealed class AuditEntry
{
    /// <summary>1-based, without gaps.</summary>
    public long Seq { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Account name, API client name, or "system"/"cli".</summary>
    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string? EntityId { get; set; }

    /// <summary>What changed: property names, counts. Never personal values.</summary>
    public string? Details { get; set; }

    public string? Reason { get; set; }

    public string PrevHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
