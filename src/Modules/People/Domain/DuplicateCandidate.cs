namespace Yiwang.People.Domain;

/// <summary>An entry in the "possible duplicates" queue: a human decides.</summary>
internal sealed class DuplicateCandidate
{
    public Guid Id { get; set; }

    public DuplicateKind Kind { get; set; }

    public Guid SourceRecordId { get; set; }

    public Guid? PersonId { get; set; }

    public Guid CandidatePersonId { get; set; }

    public string Reason { get; set; } = "";

    public DuplicateStatus Status { get; set; }

    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? MergeId { get; set; }
}

internal enum DuplicateKind
{
    PossibleDuplicate,

    IdConflict,
}

internal enum DuplicateStatus
{
    Open,
    Merged,
    Distinct,
}
