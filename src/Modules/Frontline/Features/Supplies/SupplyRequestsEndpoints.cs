using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>Households' supply requests over HTTP: each route calls its handler and maps the result.</summary>
internal static class SupplyRequestsEndpoints
{
    public static RouteGroupBuilder MapSupplyRequestsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/supplies").WithTags("Supplies / 物资保障");
        g.MapGet("/households", async (string? q, FrontlineContext c, CancellationToken ct) =>
            (await SearchHouseholds.HandleAsync(q, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapGet("/requests", async (string? status, string? community, int? page, int? pageSize, FrontlineContext c, CancellationToken ct) =>
            (await ListSupplyRequests.HandleAsync(status, community, page, pageSize, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapGet("/requests/{id:guid}", async (Guid id, FrontlineContext c, CancellationToken ct) =>
            (await GetSupplyRequest.HandleAsync(id, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/requests", async (NewSupplyRequest body, FrontlineContext c, CancellationToken ct) =>
            (await CreateSupplyRequest.HandleAsync(body, c, ct)).ToCreated(r => $"/api/supplies/requests/{r.Id}")).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/requests/{id:guid}/accept", async (Guid id, FrontlineContext c, CancellationToken ct) =>
            (await AcceptSupplyRequest.HandleAsync(id, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/requests/{id:guid}/deliver", async (Guid id, DeliveryInput body, FrontlineContext c, CancellationToken ct) =>
            (await DeliverSupplies.HandleAsync(id, body, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/requests/{id:guid}/refuse", async (Guid id, RefusalInput body, FrontlineContext c, CancellationToken ct) =>
            (await RefuseSupplyRequest.HandleAsync(id, body, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        return g;
    }
}
