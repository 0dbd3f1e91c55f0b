namespace Yiwang.Epidemic.Domain;

/// <summary>One move of a record, with who, when, why and the responsible unit at the time.</summary>
internal sealed class CaseTransition
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>Empty for the creation of the record.</summary>
    public string FromState { get; set; } = "";

    public string ToState { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";

    public string? Reason { get; set; }

    public string UnitCode { get; set; } = "";
}
