using Yiwang.HealthCodes.Features;

namespace Yiwang.HealthCodes.Domain;

/// <summary>Older versions stay so every colour's reason can name the version that gave it.</summary>
internal sealed class ColourRuleSetRow
{
    public int Version { get; set; }

    public string Json { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public string? Reason { get; set; }

    /// <summary>Persons to re-evaluate under this version (counted when it was saved).</summary>
    public int ReevaluationTotal { get; set; }

    public int ReevaluationDone { get; set; }

    /// <summary>Keyset cursor of the re-evaluation: the last person id done.</summary>
    public Guid? ReevaluationCursor { get; set; }

    public DateTimeOffset? ReevaluatedAt { get; set; }
}

/// <summary>A fact copied from other modules' events; declarations are read from their own table.</summary>
internal sealed class ColourFact
{
    public long Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>"case" or "flag".</summary>
    public string Kind { get; set; } = "";

    /// <summary>The record: case id, or source record id for a flag.</summary>
    public Guid SourceId { get; set; }

    /// <summary>Case category (Confirmed, Suspected, CloseContact, FeverPatient) or flag name.</summary>
    public string Category { get; set; } = "";

    /// <summary>Disease code for cases, source system for flags.</summary>
    public string Detail { get; set; } = "";

    /// <summary>The state of this span (cases: one span per state; flags: empty).</summary>
    public string State { get; set; } = "";

    /// <summary>Left empty: states are named when read (ColoursText CaseState_*); the column goes with the next baseline.</summary>
    public string StateLabel { get; set; } = "";

    public DateTimeOffset Start { get; set; }

    /// <summary>When the span ended (the record left the category or closed; the source ended the flag).</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>The state it ended in (recovered, released, excluded…): rules may give different tails per end state.</summary>
    public string? EndState { get; set; }

    /// <summary>Time of the last event applied (older redelivered events are ignored).</summary>
    public DateTimeOffset LastEventAt { get; set; }
}

internal enum OverrideStatus
{
    Pending,
    Approved,
    Rejected,
    Revoked,
}

/// <summary>
/// In force only once a different account with the right to approve has approved it; every step is audited and shows
/// in the person's colour history.
/// </summary>
internal sealed class ColourOverride
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public CodeColour Colour { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>How long it lasts once approved (days).</summary>
    public int Days { get; set; }

    public OverrideStatus Status { get; set; }

    public string RequestedBy { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }

    public DateTimeOffset? Until { get; set; }

    /// <summary>Community of the person at request time (scope of the approval queue).</summary>
    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public uint Version { get; set; }
}
