using Yiwang.Kernel.Contracts.People;
using Yiwang.People.Intake;

namespace Yiwang.People.Domain;

/// <summary>A flag a source record puts on a person (four categories, vulnerable groups); one per record and kind.</summary>
internal sealed class PersonFlag
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public PersonFlagKind Kind { get; set; }

    public Guid SourceRecordId { get; set; }

    public bool Active { get; set; }

    public DateOnly? Since { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
