using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Data;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>
/// "frontline.supplies-outstanding": open supply requests per child unit, answered from the index
/// (IsOpen, StreetCode, CommunityCode) — equality on the stored codes, no prefix scan.
/// </summary>
internal sealed class SuppliesOutstanding : IUnitFigureSource
{
    public const string Figure = "frontline.supplies-outstanding";

    public IReadOnlyList<UnitFigureDefinition> Definitions { get; } =
        [FrontlineText.Figure(Figure, "Figure_SuppliesOutstanding")];

    public async Task<IReadOnlyList<UnitFigure>> CountAsync(YiwangDbContext db, string parentCode, int childCodeLength, CancellationToken ct)
    {
        var open = db.Set<SupplyRequest>().AsNoTracking().Where(r => r.IsOpen);
        open = parentCode.Length switch
        {
            6 => open,
            9 => open.Where(r => r.StreetCode == parentCode),
            12 => open.Where(r => r.CommunityCode == parentCode),
            _ => open.Where(_ => false),
        };
        var counts = childCodeLength switch
        {
            9 => await open.GroupBy(r => r.StreetCode).Select(g => new { Code = g.Key, N = g.LongCount() }).ToListAsync(ct),
            12 => await open.GroupBy(r => r.CommunityCode).Select(g => new { Code = g.Key, N = g.LongCount() }).ToListAsync(ct),
            // The parent's own total (the home page of a district account).
            _ when childCodeLength == parentCode.Length => [new { Code = parentCode, N = await open.LongCountAsync(ct) }],
            _ => [],
        };
        return [.. counts.Select(c => new UnitFigure(Figure, c.Code, c.N))];
    }
}
