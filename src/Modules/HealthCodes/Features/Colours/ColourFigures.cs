using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.HealthCodes.Localization;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>Dashboard and home-page figures: red and yellow codes per child unit, from the (street|community, colour) indexes.</summary>
internal sealed class ColourFigures : IUnitFigureSource
{
    public const string Red = "healthcodes.red";
    public const string Yellow = "healthcodes.yellow";

    public IReadOnlyList<UnitFigureDefinition> Definitions { get; } = 
        [new(Red, new Text(typeof(ColoursText), "Figure.Red")), new(Yellow, new Text(typeof(ColoursText), "Figure.Yellow"))];

    public async Task<IReadOnlyList<UnitFigure>> CountAsync(YiwangDbContext db, string parentCode, int childCodeLength, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.Set<PersonColour>().AsNoTracking().Where(c => c.Colour != CodeColour.Green);
        List<(string Unit, CodeColour Colour, long N)> rows;
        if (childCodeLength <= 9)
        {
            rows = [.. (await q.Where(c => c.StreetCode != "").GroupBy(c => new { c.StreetCode, c.Colour })
                .Select(g => new { g.Key.StreetCode, g.Key.Colour, N = g.LongCount() }).ToListAsync(ct))
                .Where(r => r.StreetCode.StartsWith(parentCode, StringComparison.Ordinal)).Select(r => (r.StreetCode, r.Colour, r.N))];
        }
        else
        {
            var street = parentCode.Length >= 9 ? parentCode[..9] : parentCode;
            rows = [.. (await q.Where(c => c.StreetCode == street).GroupBy(c => new { c.CommunityCode, c.Colour })
                .Select(g => new { g.Key.CommunityCode, g.Key.Colour, N = g.LongCount() }).ToListAsync(ct))
                .Where(r => r.CommunityCode.StartsWith(parentCode, StringComparison.Ordinal) && r.CommunityCode.Length >= childCodeLength)
                .Select(r => (r.CommunityCode[..childCodeLength], r.Colour, r.N))];
        }

        return [.. rows.GroupBy(r => (r.Unit, r.Colour)).OrderBy(g => g.Key.Unit, StringComparer.Ordinal)
            .Select(g => new UnitFigure(g.Key.Colour == CodeColour.Red ? Red : Yellow, g.Key.Unit, g.Sum(r => r.N)))];
    }
}
