namespace Yiwang.People.Domain;

/// <summary>An entry in the "possible duplicates" queue: a human decides.</summary>
internal sealed class DuplicateCandidate
{
    public Guid Id { get; set; }

    public DuplicateKind Kind { get; set; }

    public Guid SourceRecordId { get; set; }

    /// <summary>The person the record created (PossibleDuplicate); null for an identity conflict.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The existing person it may be.</summary>
    public Guid CandidatePersonId { get; set; }

    /// <summary>What matched, e.g. "name+birthDate+phone".</summary>
    public string Reason { get; set; } = "";

    public DuplicateStatus Status { get; set; }

    /// <summary>Where the candidate lives: the queue is scoped like persons.</summary>
    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? MergeId { get; set; }
}

internal enum DuplicateKind
{
    /// <summary>A record without identity number created a person who looks like an existing one.</summary>
    PossibleDuplicate,

    /// <summary>A record's identity number belongs to a person with another name.</summary>
    IdConflict,
}

internal enum DuplicateStatus
{
    Open,
    Merged,
    Distinct,
}
