namespace Yiwang.Epidemic.Domain;

/// <summary>A configured disease: its current definition (JSON of <see cref="DiseaseDefinition"/>) and version.</summary>
internal sealed class Disease
{
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>The definition as JSON; every change is a new version, kept in <see cref="DiseaseVersion"/>.</summary>
    public string Definition { get; set; } = "";

    public int Version { get; set; }

    /// <summary>The disease that source feeds (case reports, fever clinics) create records for.</summary>
    public bool IsDefault { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
