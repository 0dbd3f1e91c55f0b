using Yiwang.HealthCodes.Features;

namespace Yiwang.HealthCodes.Domain;

/// <summary>A person without a row is green with no reason. The review job re-evaluates rows once
/// <see cref="NextReviewAt"/> (a time-based step: red 14 days → yellow 7 days) falls due.</summary>
internal sealed class PersonColour
{
    public Guid PersonId { get; set; }

    public CodeColour Colour { get; set; }

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset? NextReviewAt { get; set; }

    /// <summary>The reasons, JSON array of <see cref="Features.Colours.ColourReason"/>.</summary>
    public string ReasonsJson { get; set; } = "[]";

    public int RuleSetVersion { get; set; }

    /// <summary>Where the person lives (for officers' lists within their scope).</summary>
    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public DateTimeOffset EvaluatedAt { get; set; }

    public uint Version { get; set; }
}

/// <summary>One change of a person's colour: from, to, when, why (rule or override) — what a citizen's history shows.</summary>
internal sealed class ColourChange
{
    public long Id { get; set; }

    public Guid PersonId { get; set; }

    public CodeColour From { get; set; }

    public CodeColour To { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>"rule", "override", "rule-change" (a new rule set version), "review" (a time step fell due).</summary>
    public string Cause { get; set; } = "";

    /// <summary>The deciding rule (the one that set the new colour), if any.</summary>
    public string? RuleId { get; set; }

    public int RuleSetVersion { get; set; }

    public Guid? OverrideId { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>All reasons at the time (JSON, as in <see cref="PersonColour.ReasonsJson"/>).</summary>
    public string ReasonsJson { get; set; } = "[]";
}

/// <summary>A citizen's health and travel declaration: symptoms, and a stay outside the district or in a risk area.</summary>
internal sealed class Declaration
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset DeclaredAt { get; set; }

    /// <summary>Temperature ≥ 37.3 °C today.</summary>
    public bool Fever { get; set; }

    /// <summary>Comma-separated symptom tokens (cough, sore-throat, fatigue, taste-loss…), empty when none.</summary>
    public string Symptoms { get; set; } = "";

    /// <summary>Where the person stayed (free text as declared), empty when no travel.</summary>
    public string TravelRegion { get; set; } = "";

    /// <summary>A division code when the stay was in a known unit (e.g. a Huangpi community or another district's code).</summary>
    public string? TravelRegionCode { get; set; }

    public DateOnly? TravelFrom { get; set; }

    public DateOnly? TravelTo { get; set; }

    public string? Note { get; set; }
}
