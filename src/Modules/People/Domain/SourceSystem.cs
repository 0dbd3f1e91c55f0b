using Yiwang.People.Intake;

namespace Yiwang.People.Domain;

/// <summary>An agency system that feeds the registry (户籍, 疾控, a hospital, 民政, a community's manual entry).</summary>
internal sealed class SourceSystem
{
    public Guid Id { get; set; }

    /// <summary>Short stable name used in URLs and the CLI, e.g. "gaj-huji".</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public RecordType RecordType { get; set; }

    /// <summary>The unit whose subtree this source may report on.</summary>
    public string JurisdictionCode { get; set; } = "";

    /// <summary>The kernel API client holding this source's key.</summary>
    public Guid? ApiClientId { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
