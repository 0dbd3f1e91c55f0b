using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features.WorkOrders;

internal sealed record WorkOrderRow(
    Guid Id, string Module, string Kind, string TitleZh, string TitleEn, string UnitCode, string? UnitName,
    string OriginalUnitCode, string Status, DateTimeOffset DueAt, bool Overdue, int EscalationLevel, string? AssignedTo,
    DateTimeOffset CreatedAt, uint Version);

/// <summary>The query string of the list: <c>?status=Open&amp;overdue=true&amp;page=2</c>.</summary>
internal sealed record WorkOrderQuery(string? Status, bool? Overdue, int? Page, int? PageSize);

/// <summary>Server-paged list of the work whose current unit is inside the caller's scope, newest first.</summary>
internal static class ListWorkOrders
{
    public static async Task<Result<Page<WorkOrderRow>>> HandleAsync(
        WorkOrderQuery q, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var p = PageRequest.Of(q.Page, q.PageSize);
        var now = clock.GetUtcNow();
        var query = db.Set<WorkOrder>().AsNoTracking().UnitIn(user.Scope);
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            // IsDefined: Enum.TryParse also accepts numbers such as "7".
            if (!Enum.TryParse<WorkOrderStatus>(q.Status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
            {
                return Refusal.BadRequest(CommandText.Of("Refusal.BadStatus"), "bad-status");
            }

            query = query.Where(w => w.Status == s);
        }

        if (q.Overdue == true)
        {
            query = query.Where(w => (w.Status == WorkOrderStatus.Open || w.Status == WorkOrderStatus.InProgress) && w.DueAt < now);
        }

        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var items = new List<WorkOrderRow>(rows.Count);
        foreach (var w in rows)
        {
            items.Add(new WorkOrderRow(
                w.Id, w.Module, w.Kind, w.TitleZh, w.TitleEn, w.UnitCode, (await dir.FindAsync(w.UnitCode, ct))?.Name, w.OriginalUnitCode,
                w.Status.ToString(), w.DueAt, WorkOrderRules.IsOverdue(w, now), w.EscalationLevel, w.AssignedTo, w.CreatedAt, w.Version));
        }

        return new Page<WorkOrderRow>(items, total, p.Number, p.Size);
    }
}
