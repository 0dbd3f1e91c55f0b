namespace Yiwang.Epidemic.Domain;

/// <summary>Every version a disease's definition had, for accountability.</summary>
internal sealed class DiseaseVersion
{
    public long Id { get; set; }

    public string DiseaseCode { get; set; } = "";

    public int Version { get; set; }

    public string Definition { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
