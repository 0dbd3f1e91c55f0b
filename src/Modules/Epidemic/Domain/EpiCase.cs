using Yiwang.Kernel.Contracts.Epidemic;

namespace Yiwang.Epidemic.Domain;

/// <summary>Its category follows from its state; every move is a <see cref="CaseTransition"/>.</summary>
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
