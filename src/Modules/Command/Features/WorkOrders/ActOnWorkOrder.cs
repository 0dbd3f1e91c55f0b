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

/// <param name="Version">The version the caller saw; a different one now means someone else changed the order.</param>
/// <param name="Note">The result note (complete) or the reason (cancel).</param>
internal sealed record ActBody(uint? Version, string? Note);

/// <summary>
/// Accept, complete (with a result note) or cancel (with a reason, dispatcher only). A stale <c>version</c> or a
/// concurrent change is refused as "concurrent-change"; an action the state does not allow, with its reason.
/// </summary>
internal static class ActOnWorkOrder
{
    public static async Task<Result<WorkOrderDetail>> HandleAsync(
        Guid id, WorkOrderAction action, ActBody body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (action == WorkOrderAction.Complete)
        {
            errors.PlainText("note", body.Note, 1000, required: true);
        }
        else if (action == WorkOrderAction.Cancel)
        {
            errors.PlainText("note", body.Note, 500, required: true);
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var w = await db.Set<WorkOrder>().UnitIn(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null)
        {
            return GetWorkOrder.NotFound;
        }

        if (body.Version is { } v && v != w.Version)
        {
            return ConcurrentChange;
        }

        if (WorkOrderRules.Check(w.Status, action) is { } refusal)
        {
            return refusal;
        }

        if (action == WorkOrderAction.Cancel && w.CreatedBy != user.Actor)
        {
            return Refusal.Forbidden(CommandText.Of("Refusal.OnlyDispatcherCancels"));
        }

        var now = clock.GetUtcNow();
        var note = body.Note?.Trim();
        string kind;
        switch (action)
        {
            case WorkOrderAction.Accept:
                w.Status = WorkOrderStatus.InProgress;
                w.AssignedTo = user.Actor;
                kind = WorkOrderEvent.Accepted;
                note = null;
                break;
            case WorkOrderAction.Complete:
                w.Status = WorkOrderStatus.Done;
                w.CompletedAt = now;
                w.Result = note;
                kind = WorkOrderEvent.Completed;
                break;
            default:
                w.Status = WorkOrderStatus.Cancelled;
                w.CompletedAt = now;
                w.Result = note;
                kind = WorkOrderEvent.Cancelled;
                break;
        }

        w.Version++;
        db.Add(new WorkOrderEvent { Id = Guid.CreateVersion7(now), WorkOrderId = w.Id, Kind = kind, At = now, Actor = user.Actor, ToUnitCode = w.UnitCode, Note = note });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The save is conditional on the Version read above (a concurrency token): someone else got there first.
            return ConcurrentChange;
        }

        return await GetWorkOrder.DetailAsync(w, db, dir, now, ct);
    }

    private static Refusal ConcurrentChange => Refusal.Conflict(CommandText.Of("Refusal.ConcurrentChange"), "concurrent-change");
}
