using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>Beds per child unit (a few hundred site rows, through the unit-code index) and yesterday's missed checks
/// (the (date, community) index of missed_checks).</summary>
internal sealed class IsolationFigures(TimeProvider clock) : IUnitFigureSource
{
    public const string Occupied = "epidemic.isolation-occupied";
    public const string Capacity = "epidemic.isolation-capacity";
    public const string MissedChecks = "epidemic.monitoring-missed";

    public IReadOnlyList<UnitFigureDefinition> Definitions { get; } =
    [
        Define(Occupied, "Figure.IsolationOccupied"),
        Define(Capacity, "Figure.IsolationCapacity"),
        Define(MissedChecks, "Figure.MissedChecks"),
    ];

    private static UnitFigureDefinition Define(string figure, string key) => new(figure, EpidemicText.Of(key));

    public async Task<IReadOnlyList<UnitFigure>> CountAsync(YiwangDbContext db, string parentCode, int childCodeLength, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parentCode);
        var figures = new List<UnitFigure>();
        var sites = await db.Set<IsolationSite>().AsNoTracking()
            .Where(s => s.Active && s.UnitCode.StartsWith(parentCode) && s.UnitCode.Length >= childCodeLength)
            .GroupBy(s => s.UnitCode.Substring(0, childCodeLength))
            .Select(g => new { Unit = g.Key, Occupied = g.Sum(s => s.Occupied), Capacity = g.Sum(s => s.Capacity) })
            .ToListAsync(ct);
        foreach (var s in sites)
        {
            figures.Add(new UnitFigure(Occupied, s.Unit, s.Occupied));
            figures.Add(new UnitFigure(Capacity, s.Unit, s.Capacity));
        }

        var yesterday = DistrictTime.Today(clock).AddDays(-1);
        var missed = await db.Set<MissedCheck>().AsNoTracking()
            .Where(m => m.Date == yesterday && m.CommunityCode.StartsWith(parentCode) && m.CommunityCode.Length >= childCodeLength)
            .GroupBy(m => m.CommunityCode.Substring(0, childCodeLength))
            .Select(g => new { Unit = g.Key, Count = g.LongCount() })
            .ToListAsync(ct);
        figures.AddRange(missed.Select(m => new UnitFigure(MissedChecks, m.Unit, m.Count)));
        return figures;
    }
}
