namespace Yiwang.Epidemic.Domain;

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
