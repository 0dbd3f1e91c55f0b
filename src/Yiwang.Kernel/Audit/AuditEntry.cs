namespace Yiwang.Kernel.Audit;

/// <summary>
/// One link of the append-only, hash-chained audit log: who did what to which record, when and why.
/// <see cref="Hash"/> covers every other field and the previous entry's hash, so changing or removing
/// any row breaks the chain from that row on.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, 1-based, without gaps.</summary>
    public long Seq { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Account name, API client name, or "system"/"cli".</summary>
    public string Actor { get; set; } = "";

    /// <summary>e.g. "create", "update", "delete", "unmask", "seed", "login-failed".</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string? EntityId { get; set; }

    /// <summary>What changed: property names, counts. Never personal values.</summary>
    public string? Details { get; set; }

    /// <summary>Why, where the action needs a reason (unmasking, overrides).</summary>
    public string? Reason { get; set; }

    public string PrevHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
