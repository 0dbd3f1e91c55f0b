namespace Yiwang.HealthCodes.Domain;

/// <summary>Exposure tracing (流调, 场所码密接排查), kept with its candidate contacts so an officer can come back and confirm them.</summary>
internal sealed class ExposureTracing
{
    public Guid Id { get; set; }

    /// <summary>The confirmed case (or suspected person) whose visits were traced.</summary>
    public Guid IndexPersonId { get; set; }

    /// <summary>Where the index person lives: who may see the tracing goes by it.</summary>
    public string IndexCommunityCode { get; set; } = "";

    public string IndexStreetCode { get; set; } = "";

    /// <summary>The four-category record that started an automatic tracing (one tracing per record); null when run by hand.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>"case" (a record became confirmed) or "manual" (an officer asked).</summary>
    public string Trigger { get; set; } = "";

    public int WindowMinutes { get; set; }

    public int Days { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset To { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>False when no code was ever issued to the index person (no subject token, so no scans to trace).</summary>
    public bool HasCode { get; set; }

    public int Visits { get; set; }

    public int Venues { get; set; }

    public int Contacts { get; set; }

    /// <summary>Pairs of scans (index visit, other person's scan) within the window.</summary>
    public int Encounters { get; set; }

    /// <summary>Scanned tokens no person is linked to (should be none: a link is written when a code is issued).</summary>
    public int UnlinkedSubjects { get; set; }

    public int ConfirmedContacts { get; set; }

    public int SearchMilliseconds { get; set; }

    public uint Version { get; set; }
}

/// <summary>One person found by a tracing, with a summary of their encounters; confirmed as a close contact or not yet.</summary>
internal sealed class TracingContact
{
    public Guid TracingId { get; set; }

    public Guid PersonId { get; set; }

    public int Encounters { get; set; }

    public int Venues { get; set; }

    /// <summary>The first of this person's scans that met the index person.</summary>
    public DateTimeOffset FirstAt { get; set; }

    public int MaxOverlapSeconds { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public string? ConfirmedBy { get; set; }

    public string? ConfirmReason { get; set; }
}

/// <summary>Two scans at the same venue at most the window apart.</summary>
internal sealed class TracingEncounter
{
    public long Id { get; set; }

    public Guid TracingId { get; set; }

    public Guid PersonId { get; set; }

    public Guid VenueId { get; set; }

    public DateTimeOffset IndexScannedAt { get; set; }

    public DateTimeOffset ContactScannedAt { get; set; }

    /// <summary>Each person is taken to be present for the window after their scan: the window minus the gap between
    /// the scans (0 exactly at the window's edge).</summary>
    public int OverlapSeconds { get; set; }
}
