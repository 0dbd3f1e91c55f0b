using Yiwang.Kernel.Contracts.Epidemic;

namespace Yiwang.Epidemic.Domain;

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
