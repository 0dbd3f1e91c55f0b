namespace Yiwang.Epidemic.Domain;

/// <summary>A source-feed event already applied to a record: a redelivered event changes nothing.</summary>
internal sealed class CaseFeedEvent
{
    public Guid SourceRecordId { get; set; }

    public string Flag { get; set; } = "";

    public Guid? CaseId { get; set; }

    /// <summary>created, moved, unchanged or ignored (with the reason in <see cref="Note"/>).</summary>
    public string Outcome { get; set; } = "";

    public string? Note { get; set; }

    public DateTimeOffset At { get; set; }
}
