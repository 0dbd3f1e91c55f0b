namespace Yiwang.Kernel.Jurisdictions;

/// <summary>A unit of the district's division tree (NBS statistical division codes, 2021).</summary>
public sealed class Jurisdiction
{
    /// <summary>NBS code: 6 digits for the district, 9 for a street/township, 12 for a community/village.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? ParentCode { get; set; }

    public JurisdictionLevel Level { get; set; }

    /// <summary>区, 街道, 乡, 功能区, 居委会, 村委会.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Ministry of Civil Affairs code where it differs from NBS.</summary>
    public string? AlternateCode { get; set; }

    public double CentroidLon { get; set; }

    public double CentroidLat { get; set; }

    /// <summary>GeoJSON geometry of the unit's area.</summary>
    public string AreaGeoJson { get; set; } = "";

    /// <summary>True for derived areas (no official boundaries exist for streets and communities).</summary>
    public bool AreaIsApproximate { get; set; }
}
