using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;

namespace Yiwang.Command.Features;

/// <summary>
/// The dashboard's work-order figures per child unit: "command.open" (open or in progress) and "command.overdue"
/// (of those, past due), by the unit the work was dispatched to. One GROUP BY over the open rows of the
/// (OriginalUnitCode, Status, DueAt) index range under the parent.
/// </summary>
internal sealed class WorkOrderFigures(TimeProvider clock) : IUnitFigureSource
{
    public const string Open = "command.open";
    public const string Overdue = "command.overdue";

    public IReadOnlyList<UnitFigureDefinition> Definitions { get; } =
    [
        new(Overdue, "超期工单", "Overdue work orders"),
        new(Open, "在办工单", "Open work orders"),
    ];

    public async Task<IReadOnlyList<UnitFigure>> CountAsync(YiwangDbContext db, string parentCode, int childCodeLength, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parentCode);
        var now = clock.GetUtcNow();
        var rows = await db.Set<WorkOrder>().AsNoTracking().OriginalUnitUnder(parentCode)
            .Where(w => w.Status == WorkOrderStatus.Open || w.Status == WorkOrderStatus.InProgress)
            .GroupBy(w => w.OriginalUnitCode.Substring(0, childCodeLength))
            .Select(g => new { Unit = g.Key, Open = g.Count(), Overdue = g.Sum(w => w.DueAt < now ? 1 : 0) })
            .ToListAsync(ct);
        var figures = new List<UnitFigure>(rows.Count * 2);
        foreach (var r in rows.Where(r => r.Unit.Length == childCodeLength).OrderBy(r => r.Unit, StringComparer.Ordinal))
        {
            figures.Add(new UnitFigure(Overdue, r.Unit, r.Overdue));
            figures.Add(new UnitFigure(Open, r.Unit, r.Open));
        }

        return figures;
    }
}
