namespace Yiwang.Epidemic.Domain.Isolation;

/// <summary>
/// A four-category record's stay at a site (or at home) from <see cref="StartedAt"/> until <see cref="EndedAt"/>.
/// A person has at most one active assignment (a unique index on active rows backs the service's check).
/// </summary>
internal sealed class IsolationAssignment
{
    public Guid Id { get; set; }

    /// <summary>The site; null for <see cref="IsolationKind.Home"/>.</summary>
    public Guid? SiteId { get; set; }

    public IsolationKind Kind { get; set; }

    public Guid CaseId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The record's community and street at the time: the scope of whoever may see the assignment.</summary>
    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public string StartedBy { get; set; } = "";

    public DateTimeOffset? EndedAt { get; set; }

    public string? EndedBy { get; set; }

    /// <summary>"released", "transferred", "record-closed", with a human's note when given.</summary>
    public string? EndReason { get; set; }

    /// <summary>For a transfer: the assignment that took over.</summary>
    public Guid? NextAssignmentId { get; set; }

    public uint Version { get; set; }
}
