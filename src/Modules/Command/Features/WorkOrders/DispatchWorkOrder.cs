using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features.WorkOrders;

internal sealed record DispatchBody(string? UnitCode, string? Title, string? Detail, DateTimeOffset? DueAt, string? Key);

/// <param name="Created">False when the key had been dispatched before: the endpoint answers 200 instead of 201.</param>
internal sealed record Dispatched(WorkOrderDetail Order, bool Created);

/// <summary>Dispatches work by hand to a unit inside the caller's scope. A repeated <c>key</c> returns the same order.</summary>
internal static class DispatchWorkOrder
{
    public const string ManualModule = "command";

    public static async Task<Result<Dispatched>> HandleAsync(
        DispatchBody body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock,
        IWorkOrderDispatcher dispatcher, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        errors.PlainText("title", body.Title, 200, required: true);
        errors.PlainText("detail", body.Detail, 1000, required: false);
        errors.PlainText("key", body.Key, 100, required: false);
        JurisdictionUnit? unit = null;
        if (string.IsNullOrWhiteSpace(body.UnitCode))
        {
            errors.Required("unitCode");
        }
        else
        {
            unit = await dir.FindAsync(body.UnitCode.Trim(), ct);
            if (unit is null)
            {
                var code = body.UnitCode.Length > 20 ? body.UnitCode[..20] + "…" : body.UnitCode;
                errors.Add("unitCode", CommandText.Of("Refusal.UnknownUnit", code));
            }
        }

        if (body.DueAt is not { } due)
        {
            errors.Required("dueAt");
        }
        else if (due <= now)
        {
            errors.Add("dueAt", CommandText.Of("Refusal.DueInPast"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (!user.Scope.Contains(unit!.Code))
        {
            return Refusal.Forbidden(CommandText.Of("Refusal.DispatchOutsideScope"));
        }

        var key = string.IsNullOrWhiteSpace(body.Key) ? Guid.CreateVersion7(now).ToString("N") : body.Key.Trim();
        var title = body.Title!.Trim();
        // Typed by a person in one language: the same words serve both title columns.
        var request = new WorkOrderRequest(ManualModule, "manual", key, unit.Code, title, title, body.DueAt!.Value.ToUniversalTime(),
            Detail: string.IsNullOrWhiteSpace(body.Detail) ? null : body.Detail.Trim());
        Guid id;
        bool created;
        try
        {
            id = await dispatcher.DispatchAsync(db, request, ct);
            created = db.ChangeTracker.Entries<WorkOrder>().Any(e => e.Entity.Id == id && e.State == EntityState.Added);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two requests with the same key at once: the unique index lets one in; the other answers with it.
            db.ChangeTracker.Clear();
            id = await db.Set<WorkOrder>().Where(w => w.Module == ManualModule && w.DedupKey == key).Select(w => w.Id).FirstAsync(ct);
            created = false;
        }

        var w = await db.Set<WorkOrder>().AsNoTracking().UnitIn(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null)
        {
            return Refusal.Conflict(CommandText.Of("Refusal.KeyUsedElsewhere"));
        }

        return new Dispatched(await GetWorkOrder.DetailAsync(w, db, dir, now, ct), created);
    }
}
