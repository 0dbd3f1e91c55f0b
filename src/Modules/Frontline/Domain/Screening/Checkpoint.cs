namespace Yiwang.Frontline.Domain.Screening;

/// <summary>What kind of place a checkpoint guards.</summary>
internal enum CheckpointKind
{
    /// <summary>A road or highway exit (道路卡口).</summary>
    Road,

    /// <summary>A railway or bus station (车站).</summary>
    Station,

    /// <summary>The gate of a residential community (小区/社区门岗).</summary>
    CommunityGate,
}

/// <summary>驻点设卡: a site where people and vehicles are checked, run by a township or a community.</summary>
internal sealed class Checkpoint
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public CheckpointKind Kind { get; set; }

    /// <summary>The responsible unit: a township (9 digits) or community (12 digits) code.</summary>
    public string UnitCode { get; set; } = "";

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>One shift of a checkpoint's duty roster; "on duty now" = a shift that contains the current time.</summary>
internal sealed class DutyShift
{
    public Guid Id { get; set; }

    public Guid CheckpointId { get; set; }

    /// <summary>Copied from the checkpoint: the dashboard counts shifts by unit without a join.</summary>
    public string UnitCode { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public List<DutyStaff> Staff { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>A person on a shift: name and role only (no identity numbers on rosters).</summary>
internal sealed class DutyStaff
{
    public Guid Id { get; set; }

    public Guid ShiftId { get; set; }

    public string Name { get; set; } = "";

    public string Role { get; set; } = "";
}

/// <summary>Direction of a passage through a checkpoint.</summary>
internal enum PassageDirection
{
    In,
    Out,
}

/// <summary>Result of the temperature check at a passage.</summary>
internal enum TemperatureCheck
{
    /// <summary>Everyone checked was below the fever threshold.</summary>
    Normal,

    /// <summary>At least one person had a fever (handled as the fever-patient procedure says).</summary>
    Fever,

    /// <summary>No check was made (e.g. a passing vehicle that did not stop).</summary>
    NotChecked,
}

/// <summary>One passage recorded at a checkpoint.</summary>
internal sealed class PassageLog
{
    public Guid Id { get; set; }

    public Guid CheckpointId { get; set; }

    public string UnitCode { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public PassageDirection Direction { get; set; }

    public string? VehiclePlate { get; set; }

    public int Persons { get; set; }

    public TemperatureCheck Temperature { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}
