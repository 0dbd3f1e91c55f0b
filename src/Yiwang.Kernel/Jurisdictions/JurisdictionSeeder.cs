using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Jurisdictions;

public static class JurisdictionSeeder
{
    /// <summary>The same approximate areas on every installation.</summary>
    public const int AreaSeed = 420116;

    public static async Task<int> EnsureAsync(YiwangDbContext db, CancellationToken ct)
    {
        if (await db.Jurisdictions.AnyAsync(ct))
        {
            return 0;
        }

        var divisions = DivisionCatalog.Load();
        var outline = DistrictOutline.Load();
        var areas = ApproximateAreas.Compute(divisions, outline, AreaSeed);
        foreach (var d in divisions)
        {
            var area = areas[d.Code];
            db.Jurisdictions.Add(new Jurisdiction
            {
                Code = d.Code,
                Name = d.Name,
                ParentCode = d.ParentCode,
                Level = d.Level,
                Kind = d.Kind,
                AlternateCode = d.AlternateCode,
                CentroidLon = area.CentroidLon,
                CentroidLat = area.CentroidLat,
                AreaGeoJson = GeometryText.ToGeoJson(area.Area),
                AreaIsApproximate = d.Level != JurisdictionLevel.District,
            });
        }

        await db.SaveChangesAsync(
            new AuditRecord("seed", nameof(Jurisdiction), null, $"loaded {divisions.Count} units (NBS 2021) with approximate areas"), ct);
        return divisions.Count;
    }
}
