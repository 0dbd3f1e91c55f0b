namespace Yiwang.People.Domain;

/// <summary>A replaced version of a source record: the person's history of what sources said.</summary>
internal sealed class SourceRecordVersion
{
    public long Id { get; set; }

    public Guid SourceRecordId { get; set; }

    public int Version { get; set; }

    public string ContentHash { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset ReplacedAt { get; set; }
}
