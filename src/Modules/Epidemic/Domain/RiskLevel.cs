namespace Yiwang.Epidemic.Domain;

/// <summary>A unit's risk grade for one disease on one district date.</summary>
internal enum RiskLevel
{
    Low,
    Medium,
    High,
}
