namespace Yiwang.Epidemic.Domain.Isolation;

/// <summary>隔离点. <see cref="Occupied"/> is kept with every assignment change by a conditional UPDATE
/// (<c>occupied &lt; capacity</c>), so two people can never take the last bed.</summary>
internal sealed class IsolationSite
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public IsolationKind Kind { get; set; }

    public string Address { get; set; } = "";

    /// <summary>The unit that runs it: the district (6 digits) or a township (9 digits).</summary>
    public string UnitCode { get; set; } = "";

    public int Capacity { get; set; }

    public int Occupied { get; set; }

    /// <summary>Inactive sites take nobody new; their occupants stay until released or transferred.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>Guards edits by two people at once (the occupancy counter does not touch it).</summary>
    public uint Version { get; set; }
}
