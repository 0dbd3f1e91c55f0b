using Yiwang.People.Intake;

namespace Yiwang.People.Domain;

/// <summary>One record as a source system sent it, keyed by (source, the source's own record id) so that sending it
/// again changes nothing and sending a changed version updates it and keeps the old one as a version.</summary>
internal sealed class SourceRecord
{
    public Guid Id { get; set; }

    public Guid SourceSystemId { get; set; }

    public string ExternalId { get; set; } = "";

    public RecordType RecordType { get; set; }

    public Guid? PersonId { get; set; }

    public SourceRecordStatus Status { get; set; }

    public string ContentHash { get; set; } = "";

    public string Payload { get; set; } = "";

    public int Version { get; set; } = 1;

    public Guid? LastBatchId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal enum SourceRecordStatus
{
    Linked,

    IdConflict,

    Disputed,
}
