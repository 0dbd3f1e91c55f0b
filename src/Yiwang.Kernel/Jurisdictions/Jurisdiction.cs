namespace Yiwang.Kernel.Jurisdictions;

public sealed class Jurisdiction
{
    /// <summary>NBS 2021 code: 6 digits for the district, 9 for a street, 12 for a community.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? ParentCode { get; set; }

    public JurisdictionLevel Level { get; set; }

    public string Kind { get; set; } = "";

    public string? AlternateCode { get; set; }

    public double CentroidLon { get; set; }

    public double CentroidLat { get; set; }

    public string AreaGeoJson { get; set; } = "";

    /// <summary>No official boundaries exist below the district, so streets and communities have derived areas.</summary>
    public bool AreaIsApproximate { get; set; }
}
