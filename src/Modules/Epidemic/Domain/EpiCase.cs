using Yiwang.Kernel.Contracts.Epidemic;
namespace Yiwang.Epidemic.Domain;

/// <summary>
/// One four-category record: a person followed for one disease from report to release. Its category follows from
/// its state; every move is a <see cref="CaseTransition"/>.
/// </summary>
internal sealed class EpiCase
{
    public Guid Id { get; set; }

    public string DiseaseCode { get; set; } = "";

    public Guid PersonId { get; set; }

    public CaseCategory Category { get; set; }

    public string State { get; set; } = "";

    public DateTimeOffset StateSince { get; set; }

    /// <summary>Start of the current phase (see <see cref="StateDefinition.Phase"/>): the clock for durations and tests.</summary>
    public DateTimeOffset PhaseSince { get; set; }

    /// <summary>Closed (a terminal state): no further transitions.</summary>
    public bool Closed { get; set; }

    /// <summary>Where the person lives (12-digit community code), empty when unknown: scope and counts go by it.</summary>
    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    /// <summary>The unit responsible for following the person (community by default).</summary>
    public string ResponsibleUnit { get; set; } = "";

    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>"manual" or "feed:{source system code}".</summary>
    public string Origin { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public uint Version { get; set; }
}

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

/// <summary>Result of a laboratory test.</summary>
internal enum TestResult
{
    Negative,
    Positive,
}

/// <summary>A test of the person (nucleic acid, antigen…), which transitions may require.</summary>
internal sealed class CaseTest
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public string Kind { get; set; } = "";

    public TestResult Result { get; set; }

    public DateTimeOffset SampledAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>A source-feed event already applied to a record: a redelivered event changes nothing.</summary>
internal sealed class CaseFeedEvent
{
    public Guid SourceRecordId { get; set; }

    public string Flag { get; set; } = "";

    public Guid? CaseId { get; set; }

    /// <summary>created, moved, unchanged or ignored (with the reason in <see cref="Note"/>).</summary>
    public string Outcome { get; set; } = "";

    public string? Note { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// How many records of a disease are in each state in each community: kept in the same transaction as every
/// create and move, so dashboards read a few hundred counter rows instead of counting the records.
/// </summary>
internal sealed class UnitCaseCount
{
    public string DiseaseCode { get; set; } = "";

    public string CommunityCode { get; set; } = "";

    public string State { get; set; } = "";

    public CaseCategory Category { get; set; }

    public long Count { get; set; }

    /// <summary>UTC ticks of the last change: what an open dashboard polls to know it must refresh.</summary>
    public long Stamp { get; set; }
}

/// <summary>A unit's risk grade for one disease on one district date.</summary>
internal enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>A unit's daily risk grade and the count behind it.</summary>
internal sealed class RiskGrade
{
    public string DiseaseCode { get; set; } = "";

    public string UnitCode { get; set; } = "";

    public DateOnly Date { get; set; }

    public RiskLevel Level { get; set; }

    /// <summary>Records that entered the counted category within the rule's window.</summary>
    public int Count { get; set; }

    public int RuleVersion { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
