namespace Yiwang.Epidemic.Domain.Isolation;

/// <summary>Where a person is isolated: a quarantine hotel (集中隔离点), a designated hospital, or at home.</summary>
internal enum IsolationKind
{
    /// <summary>集中隔离点: a hotel or other centralised quarantine site.</summary>
    Hotel,

    /// <summary>定点医院: a designated hospital.</summary>
    Hospital,

    /// <summary>居家隔离: at the person's home. Assignments of this kind have no site and no capacity.</summary>
    Home,
}

/// <summary>
/// 隔离点: a hotel or designated hospital with a number of beds. <see cref="Occupied"/> is the number of active
/// assignments, kept in the same transaction as every assignment change by a conditional UPDATE
/// (<c>occupied &lt; capacity</c>), so two people can never take the last bed.
/// </summary>
internal sealed class IsolationSite
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary><see cref="IsolationKind.Hotel"/> or <see cref="IsolationKind.Hospital"/> (home has no site).</summary>
    public IsolationKind Kind { get; set; }

    public string Address { get; set; } = "";

    /// <summary>The unit that runs it: the district (6 digits) or a township (9 digits).</summary>
    public string UnitCode { get; set; } = "";

    /// <summary>Beds.</summary>
    public int Capacity { get; set; }

    /// <summary>Active assignments (bookkeeping counter; see the class summary).</summary>
    public int Occupied { get; set; }

    /// <summary>Inactive sites take nobody new; their occupants stay until released or transferred.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>Guards edits by two people at once (the occupancy counter does not touch it).</summary>
    public uint Version { get; set; }
}

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

    /// <summary>Null while active.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public string? EndedBy { get; set; }

    /// <summary>"released", "transferred", "record-closed", with a human's note when given.</summary>
    public string? EndReason { get; set; }

    /// <summary>For a transfer: the assignment that took over.</summary>
    public Guid? NextAssignmentId { get; set; }

    public uint Version { get; set; }
}
