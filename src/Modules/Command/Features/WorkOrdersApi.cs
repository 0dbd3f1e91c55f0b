using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features;

/// <summary>工单: list, read, dispatch by hand, accept, complete and cancel work orders, always inside the caller's scope.</summary>
internal static class WorkOrdersApi
{
    internal sealed record WorkOrderRow(
        Guid Id, string Module, string Kind, string TitleZh, string TitleEn, string UnitCode, string? UnitName,
        string OriginalUnitCode, string Status, DateTimeOffset DueAt, bool Overdue, int EscalationLevel, string? AssignedTo,
        DateTimeOffset CreatedAt, uint Version);

    internal sealed record EventView(string Kind, DateTimeOffset At, string Actor, string? FromUnitCode, string? ToUnitCode, string? Note);

    internal sealed record WorkOrderDetail(
        Guid Id, string Module, string Kind, string TitleZh, string TitleEn, string? Detail, string? SubjectType, string? SubjectId,
        string UnitCode, string? UnitName, string OriginalUnitCode, string? OriginalUnitName, string Status, DateTimeOffset CreatedAt,
        string CreatedBy, DateTimeOffset DueAt, DateTimeOffset OriginalDueAt, bool Overdue, int EscalationLevel,
        DateTimeOffset? EscalatedAt, string? AssignedTo, DateTimeOffset? CompletedAt, string? Result, uint Version,
        IReadOnlyList<EventView> Events);

    internal sealed record DispatchBody(string? UnitCode, string? Title, string? Detail, DateTimeOffset? DueAt, string? Key);

    internal sealed record ActBody(uint? Version, string? Note);

    public const string ManualModule = "command";

    public static RouteGroupBuilder MapWorkOrdersApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/workorders").WithTags("Work orders / 工单");
        g.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapGet("/{id:guid}", GetAsync).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapPost("/", DispatchAsync).RequireAuthorization(nameof(Permission.WorkOrdersDispatch));
        g.MapPost("/{id:guid}/accept", (Guid id, ActBody? body, YiwangDbContext db, CurrentUser user, TimeProvider clock, JurisdictionDirectory dir, CancellationToken ct) =>
            ActAsync(id, WorkOrderAction.Accept, body ?? new ActBody(null, null), db, user, clock, dir, ct)).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapPost("/{id:guid}/complete", (Guid id, ActBody? body, YiwangDbContext db, CurrentUser user, TimeProvider clock, JurisdictionDirectory dir, CancellationToken ct) =>
            ActAsync(id, WorkOrderAction.Complete, body ?? new ActBody(null, null), db, user, clock, dir, ct)).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapPost("/{id:guid}/cancel", (Guid id, ActBody? body, YiwangDbContext db, CurrentUser user, TimeProvider clock, JurisdictionDirectory dir, CancellationToken ct) =>
            ActAsync(id, WorkOrderAction.Cancel, body ?? new ActBody(null, null), db, user, clock, dir, ct)).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapGet("/supervision", SupervisionApi.GetAsync).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapGet("/supervision.{format}", SupervisionApi.ExportAsync).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        return g;
    }

    /// <summary>Server-paged list of the work whose current unit is inside the caller's scope.</summary>
    internal static async Task<Results<Ok<Page<WorkOrderRow>>, ProblemHttpResult>> ListAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock,
        string? status, bool? overdue, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var now = clock.GetUtcNow();
        var query = db.Set<WorkOrder>().AsNoTracking().UnitIn(user.Scope);
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<WorkOrderStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
            {
                return Problems.Status(400, "状态应为 Open、InProgress、Done 或 Cancelled", "Status must be Open, InProgress, Done or Cancelled", "bad-status");
            }

            query = query.Where(w => w.Status == s);
        }

        if (overdue == true)
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

        return TypedResults.Ok(new Page<WorkOrderRow>(items, total, p.Number, p.Size));
    }

    /// <summary>One order with its history; 404 when its current unit is outside the caller's scope.</summary>
    internal static async Task<Results<Ok<WorkOrderDetail>, ProblemHttpResult>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var w = await db.Set<WorkOrder>().AsNoTracking().UnitIn(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null)
        {
            return NotInScope();
        }

        return TypedResults.Ok(await DetailAsync(w, db, dir, clock.GetUtcNow(), ct));
    }

    /// <summary>Dispatches work by hand to a unit inside the caller's scope. A repeated <c>key</c> returns the same order.</summary>
    internal static async Task<Results<Created<WorkOrderDetail>, Ok<WorkOrderDetail>, ValidationProblem, ProblemHttpResult>> DispatchAsync(
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
            errors.Add("unitCode", "必填", "Required");
        }
        else
        {
            unit = await dir.FindAsync(body.UnitCode.Trim(), ct);
            if (unit is null)
            {
                var code = body.UnitCode.Length > 20 ? body.UnitCode[..20] + "…" : body.UnitCode;
                errors.Add("unitCode", $"未知的单位代码：{code}", $"Unknown unit code {code}");
            }
        }

        if (body.DueAt is not { } due)
        {
            errors.Add("dueAt", "必填", "Required");
        }
        else if (due <= now)
        {
            errors.Add("dueAt", "办结时限必须晚于现在", "The due time must be in the future");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (!user.Scope.Contains(unit!.Code))
        {
            return Problems.Forbidden("只能向本辖区内的单位派发工单", "You can dispatch work only to units inside your jurisdiction");
        }

        var key = string.IsNullOrWhiteSpace(body.Key) ? Guid.CreateVersion7(now).ToString("N") : body.Key.Trim();
        var title = body.Title!.Trim();
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
            return Problems.Conflict("该键已用于其他单位的工单", "This key was already used for a work order of another unit");
        }

        var detail = await DetailAsync(w, db, dir, now, ct);
        return created ? TypedResults.Created($"/api/workorders/{id}", detail) : TypedResults.Ok(detail);
    }

    /// <summary>
    /// Accept, complete (with a result note) or cancel (with a reason, dispatcher only). A stale <c>version</c> or a
    /// concurrent change answers 409 "concurrent-change"; an action the state does not allow, 409 with its reason.
    /// </summary>
    internal static async Task<Results<Ok<WorkOrderDetail>, ValidationProblem, ProblemHttpResult>> ActAsync(
        Guid id, WorkOrderAction action, ActBody body, YiwangDbContext db, CurrentUser user, TimeProvider clock,
        JurisdictionDirectory dir, CancellationToken ct)
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
            return Problems.Invalid(errors.ToDictionary());
        }

        var w = await db.Set<WorkOrder>().UnitIn(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null)
        {
            return NotInScope();
        }

        if (body.Version is { } v && v != w.Version)
        {
            return ConcurrentChange();
        }

        if (WorkOrderRules.Check(w.Status, action) is { } refusal)
        {
            return Problems.Status(StatusCodes.Status409Conflict, refusal.Zh, refusal.En, refusal.Code);
        }

        if (action == WorkOrderAction.Cancel && w.CreatedBy != user.Actor)
        {
            return Problems.Forbidden("只有派单人可以撤销工单", "Only the dispatcher can cancel a work order");
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
            return ConcurrentChange();
        }

        return TypedResults.Ok(await DetailAsync(w, db, dir, now, ct));
    }

    internal static async Task<WorkOrderDetail> DetailAsync(WorkOrder w, YiwangDbContext db, JurisdictionDirectory dir, DateTimeOffset now, CancellationToken ct)
    {
        var events = await db.Set<WorkOrderEvent>().AsNoTracking().Where(e => e.WorkOrderId == w.Id)
            .OrderBy(e => e.At).ThenBy(e => e.Id).Take(200).ToListAsync(ct);
        return new WorkOrderDetail(
            w.Id, w.Module, w.Kind, w.TitleZh, w.TitleEn, w.Detail, w.SubjectType, w.SubjectId, w.UnitCode, (await dir.FindAsync(w.UnitCode, ct))?.Name,
            w.OriginalUnitCode, (await dir.FindAsync(w.OriginalUnitCode, ct))?.Name, w.Status.ToString(), w.CreatedAt, w.CreatedBy, w.DueAt,
            w.OriginalDueAt, WorkOrderRules.IsOverdue(w, now), w.EscalationLevel, w.EscalatedAt, w.AssignedTo, w.CompletedAt, w.Result, w.Version,
            [.. events.Select(e => new EventView(e.Kind, e.At, e.Actor, e.FromUnitCode, e.ToUnitCode, e.Note))]);
    }

    internal static ProblemHttpResult NotInScope() =>
        Problems.NotFound("该工单不存在或不在您的辖区内", "No such work order in your jurisdiction");

    private static ProblemHttpResult ConcurrentChange() =>
        Problems.Status(StatusCodes.Status409Conflict, "工单已被他人更改，请刷新后重试", "The work order was changed by someone else; reload and try again", "concurrent-change");
}
