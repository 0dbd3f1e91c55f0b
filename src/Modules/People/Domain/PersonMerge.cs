namespace Yiwang.People.Domain;

/// <summary>A merge of one person into another, kept so it can be undone: which records and flags moved, and the
/// merged person's state before.</summary>
internal sealed class PersonMerge
{
    public Guid Id { get; set; }

    public Guid SurvivorId { get; set; }

    public Guid MergedId { get; set; }

    public string MovedRecordIds { get; set; } = "[]";

    public string MovedFlagIds { get; set; } = "[]";

    public DateTimeOffset MergedAt { get; set; }

    public string MergedBy { get; set; } = "";

    public DateTimeOffset? UndoneAt { get; set; }

    public string? UndoneBy { get; set; }
}
