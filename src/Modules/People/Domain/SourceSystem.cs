using Yiwang.People.Intake;

namespace Yiwang.People.Domain;

/// <summary>An agency system that feeds the registry (户籍, 疾控, a hospital, 民政, a community's manual entry).</summary>
internal sealed class SourceSystem
{
    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public RecordType RecordType { get; set; }

    public string JurisdictionCode { get; set; } = "";

    public Guid? ApiClientId { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
