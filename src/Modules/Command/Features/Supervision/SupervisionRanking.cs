using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Command.Features.Supervision;

/// <param name="Due">Not cancelled, and either done or past its original due time.</param>
/// <param name="DoneOnTime">Done no later than its original due time.</param>
/// <param name="CompletionRate">DoneOnTime / Due, null when nothing is due yet.</param>
internal sealed record SupervisionRow(
    int Rank, string UnitCode, string UnitName, long Total, long Open, long Overdue, long Done, long Due, long DoneOnTime, double? CompletionRate);

internal sealed record SupervisionReport(string UnitCode, string UnitName, DateTimeOffset At, IReadOnlyList<SupervisionRow> Units);

/// <summary>
/// 督查: the children of the caller's unit ranked by overdue work, then by completion rate. Counted by the unit the
/// work was dispatched to, so escalation does not hide a unit's lateness.
/// </summary>
internal static class SupervisionRanking
{
    public static async Task<Result<SupervisionReport>> HandleAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var self = await dir.FindAsync(user.Scope.Code, ct);
        if (self is null)
        {
            return new SupervisionReport(user.Scope.Code, "", now, []);
        }

        var children = await dir.ChildrenAsync(self.Code, ct);
        IReadOnlyList<JurisdictionUnit> units = children.Count > 0 ? children : [self];
        var length = units[0].Code.Length;
        // One GROUP BY over the (OriginalUnitCode, Status, DueAt) index range of the caller's subtree.
        var counts = await db.Set<WorkOrder>().AsNoTracking().OriginalUnitUnder(self.Code)
            .GroupBy(w => w.OriginalUnitCode.Substring(0, length))
            .Select(g => new
            {
                Unit = g.Key,
                Total = g.Sum(w => w.Status != WorkOrderStatus.Cancelled ? 1 : 0),
                Open = g.Sum(w => w.Status == WorkOrderStatus.Open || w.Status == WorkOrderStatus.InProgress ? 1 : 0),
                Overdue = g.Sum(w => (w.Status == WorkOrderStatus.Open || w.Status == WorkOrderStatus.InProgress) && w.DueAt < now ? 1 : 0),
                Done = g.Sum(w => w.Status == WorkOrderStatus.Done ? 1 : 0),
                Due = g.Sum(w => w.Status == WorkOrderStatus.Done || (w.Status != WorkOrderStatus.Cancelled && w.OriginalDueAt <= now) ? 1 : 0),
                OnTime = g.Sum(w => w.Status == WorkOrderStatus.Done && w.CompletedAt <= w.OriginalDueAt ? 1 : 0),
            })
            .ToListAsync(ct);
        var byUnit = counts.ToDictionary(c => c.Unit);
        var rows = units.Select(u =>
            {
                var c = byUnit.GetValueOrDefault(u.Code);
                return c is null
                    ? new SupervisionRow(0, u.Code, u.Name, 0, 0, 0, 0, 0, 0, null)
                    : new SupervisionRow(0, u.Code, u.Name, c.Total, c.Open, c.Overdue, c.Done, c.Due, c.OnTime,
                        c.Due == 0 ? null : Math.Round((double)c.OnTime / c.Due, 4));
            })
            .OrderByDescending(r => r.Overdue)
            // A unit with nothing due yet ranks after every unit with a rate, 100 % included.
            .ThenBy(r => r.CompletionRate ?? 2.0)
            .ThenByDescending(r => r.Open)
            .ThenBy(r => r.UnitCode, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToList();
        return new SupervisionReport(self.Code, self.Name, now, rows);
    }
}
