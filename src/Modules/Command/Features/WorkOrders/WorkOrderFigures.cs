using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Command.Features.WorkOrders;

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
        Define(Overdue, "Figure.Overdue"),
        Define(Open, "Figure.Open"),
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

    private static UnitFigureDefinition Define(string figure, string key) => new(figure, CommandText.Of(key));
}
