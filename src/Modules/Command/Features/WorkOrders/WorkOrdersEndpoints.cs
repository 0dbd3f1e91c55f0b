using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiwang.Command.Domain;
using Yiwang.Command.Features.Supervision;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features.WorkOrders;

/// <summary>工单 routes: each calls its handler, always inside the caller's scope.</summary>
internal static class WorkOrdersEndpoints
{
    public static RouteGroupBuilder MapWorkOrdersApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/workorders").WithTags("Work orders / 工单");
        g.MapGet("/", async ([AsParameters] WorkOrderQuery q, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await ListWorkOrders.HandleAsync(q, db, user, dir, clock, ct)).ToOk()).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapGet("/{id:guid}", async (Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await GetWorkOrder.HandleAsync(id, db, user, dir, clock, ct)).ToOk()).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapPost("/", async (DispatchBody body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, IWorkOrderDispatcher dispatcher, CancellationToken ct) =>
            Answer(await DispatchWorkOrder.HandleAsync(body, db, user, dir, clock, dispatcher, ct))).RequireAuthorization(nameof(Permission.WorkOrdersDispatch));
        g.MapPost("/{id:guid}/accept", Act(WorkOrderAction.Accept)).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapPost("/{id:guid}/complete", Act(WorkOrderAction.Complete)).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapPost("/{id:guid}/cancel", Act(WorkOrderAction.Cancel)).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapGet("/supervision", async (YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await SupervisionRanking.HandleAsync(db, user, dir, clock, ct)).ToOk()).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        g.MapGet("/supervision.{format}", SupervisionExport.ExportAsync).RequireAuthorization(nameof(Permission.WorkOrdersRead));
        return g;
    }

    private static Delegate Act(WorkOrderAction action) =>
        async (Guid id, ActBody? body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await ActOnWorkOrder.HandleAsync(id, action, body ?? new ActBody(null, null), db, user, dir, clock, ct)).ToOk();

    // A repeated key is not an error but not a creation either: 200 with the existing order.
    private static Results<Created<WorkOrderDetail>, Ok<WorkOrderDetail>, ProblemHttpResult> Answer(Result<Dispatched> result) =>
        !result.TryGet(out var d) ? Problems.From(result.Refusal!)
        : d.Created ? TypedResults.Created($"/api/workorders/{d.Order.Id}", d.Order)
        : TypedResults.Ok(d.Order);
}
