namespace Yiwang.Command.Domain;

/// <summary>工单: a piece of work dispatched to a unit with a due time; escalates upwards when overdue.</summary>
internal sealed class WorkOrder
{
    public Guid Id { get; set; }

    /// <summary>Requesting module ("command" for work dispatched by hand, "epidemic", "frontline", …).</summary>
    public string Module { get; set; } = "";

    public string Kind { get; set; } = "";

    /// <summary>Module + key identify the work: dispatching it again returns the same order.</summary>
    public string DedupKey { get; set; } = "";

    /// <summary>The unit responsible now (jurisdiction code); escalation moves it up, the original stays.</summary>
    public string UnitCode { get; set; } = "";

    public string OriginalUnitCode { get; set; } = "";

    public string TitleZh { get; set; } = "";

    public string TitleEn { get; set; } = "";

    public string? Detail { get; set; }

    public string? SubjectType { get; set; }

    public string? SubjectId { get; set; }

    public WorkOrderStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>When it must be done now (escalation gives the new unit a new due time).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The due time it was dispatched with: "done on time" in supervision is measured against it.</summary>
    public DateTimeOffset OriginalDueAt { get; set; }

    /// <summary>How many times it moved up for being overdue (0 = still with the original unit).</summary>
    public int EscalationLevel { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public string? AssignedTo { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Result { get; set; }

    /// <summary>Concurrency token: every change increments it, saves are conditional on the value read.</summary>
    public uint Version { get; set; }
}
