namespace Yiwang.Command.Domain;

/// <summary>One step in a work order's history (shown on its detail page).</summary>
internal sealed class WorkOrderEvent
{
    public const string Created = "created";
    public const string Accepted = "accepted";
    public const string Escalated = "escalated";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public Guid Id { get; set; }

    public Guid WorkOrderId { get; set; }

    /// <summary>created, accepted, escalated, completed or cancelled.</summary>
    public string Kind { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>The account, or <c>system:job:…</c> for escalations.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Unit responsible before the step (escalations).</summary>
    public string? FromUnitCode { get; set; }

    /// <summary>Unit responsible after the step.</summary>
    public string? ToUnitCode { get; set; }

    /// <summary>Result note, cancellation reason, or the new due time of an escalation.</summary>
    public string? Note { get; set; }
}
