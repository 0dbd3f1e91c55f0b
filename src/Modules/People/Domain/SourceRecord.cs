using Yiwang.People.Intake;

namespace Yiwang.People.Domain;

/// <summary>
/// One record as a source system sent it, keyed by (source, the source's own record id) so that sending it
/// again changes nothing and sending a changed version updates it and keeps the old one as a version.
/// </summary>
internal sealed class SourceRecord
{
    public Guid Id { get; set; }

    public Guid SourceSystemId { get; set; }

    /// <summary>The source's own id of the record.</summary>
    public string ExternalId { get; set; } = "";

    public RecordType RecordType { get; set; }

    /// <summary>The person this record is linked to; null while an identity conflict waits for a human.</summary>
    public Guid? PersonId { get; set; }

    public SourceRecordStatus Status { get; set; }

    /// <summary>Hash of the normalised content: equal hash, nothing to do.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The normalised record as JSON (what the source said).</summary>
    public string Payload { get; set; } = "";

    public int Version { get; set; } = 1;

    public Guid? LastBatchId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal enum SourceRecordStatus
{
    /// <summary>Linked to a person.</summary>
    Linked,

    /// <summary>Its identity number belongs to someone with another name: waits for a human.</summary>
    IdConflict,

    /// <summary>A human decided it does not belong to the identity number's holder.</summary>
    Disputed,
}
