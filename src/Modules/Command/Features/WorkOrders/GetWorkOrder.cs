using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Command.Features.WorkOrders;

internal sealed record EventView(string Kind, DateTimeOffset At, string Actor, string? FromUnitCode, string? ToUnitCode, string? Note);

internal sealed record WorkOrderDetail(
    Guid Id, string Module, string Kind, string TitleZh, string TitleEn, string? Detail, string? SubjectType, string? SubjectId,
    string UnitCode, string? UnitName, string OriginalUnitCode, string? OriginalUnitName, string Status, DateTimeOffset CreatedAt,
    string CreatedBy, DateTimeOffset DueAt, DateTimeOffset OriginalDueAt, bool Overdue, int EscalationLevel,
    DateTimeOffset? EscalatedAt, string? AssignedTo, DateTimeOffset? CompletedAt, string? Result, uint Version,
    IReadOnlyList<EventView> Events);

/// <summary>One order with its history, if its current unit is inside the caller's scope.</summary>
internal static class GetWorkOrder
{
    public static async Task<Result<WorkOrderDetail>> HandleAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var w = await db.Set<WorkOrder>().AsNoTracking().UnitIn(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        return w is null ? NotFound : await DetailAsync(w, db, dir, clock.GetUtcNow(), ct);
    }

    // One answer for "no such order" and "not yours", so ids outside the scope reveal nothing.
    public static Refusal NotFound => Refusal.NotFound(CommandText.Of("Refusal.WorkOrderNotFound"));

    public static async Task<WorkOrderDetail> DetailAsync(WorkOrder w, YiwangDbContext db, JurisdictionDirectory dir, DateTimeOffset now, CancellationToken ct)
    {
        var events = await db.Set<WorkOrderEvent>().AsNoTracking().Where(e => e.WorkOrderId == w.Id)
            .OrderBy(e => e.At).ThenBy(e => e.Id).Take(200).ToListAsync(ct);
        return new WorkOrderDetail(
            w.Id, w.Module, w.Kind, w.TitleZh, w.TitleEn, w.Detail, w.SubjectType, w.SubjectId, w.UnitCode, (await dir.FindAsync(w.UnitCode, ct))?.Name,
            w.OriginalUnitCode, (await dir.FindAsync(w.OriginalUnitCode, ct))?.Name, w.Status.ToString(), w.CreatedAt, w.CreatedBy, w.DueAt,
            w.OriginalDueAt, WorkOrderRules.IsOverdue(w, now), w.EscalationLevel, w.EscalatedAt, w.AssignedTo, w.CompletedAt, w.Result, w.Version,
            [.. events.Select(e => new EventView(e.Kind, e.At, e.Actor, e.FromUnitCode, e.ToUnitCode, e.Note))]);
    }
}
