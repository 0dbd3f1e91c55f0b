using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features.Directives;

/// <summary>指令与会议通知 routes: issue to units below, each unit's inbox, per-unit read and acknowledgement.</summary>
internal static class DirectivesEndpoints
{
    public static RouteGroupBuilder MapDirectivesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/directives").WithTags("Directives / 指令");
        g.MapGet("/", async (int? page, int? pageSize, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct) =>
            (await DirectiveInbox.HandleAsync(page, pageSize, db, user, dir, ct)).ToOk()).RequireAuthorization(nameof(Permission.DirectivesRead));
        g.MapGet("/issued", async (int? page, int? pageSize, YiwangDbContext db, CurrentUser user, CancellationToken ct) =>
            (await IssuedDirectives.HandleAsync(page, pageSize, db, user, ct)).ToOk()).RequireAuthorization(nameof(Permission.DirectivesRead));
        g.MapGet("/{id:guid}", async (Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await GetDirective.HandleAsync(id, db, user, dir, clock, ct)).ToOk()).RequireAuthorization(nameof(Permission.DirectivesRead));
        g.MapPost("/", async (IssueBody body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await IssueDirective.HandleAsync(body, db, user, dir, clock, ct)).ToCreated(d => $"/api/directives/{d.Id}"))
            .RequireAuthorization(nameof(Permission.DirectivesIssue));
        g.MapPost("/{id:guid}/acknowledge", async (Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
            (await AcknowledgeDirective.HandleAsync(id, db, user, dir, clock, ct)).ToOk()).RequireAuthorization(nameof(Permission.DirectivesRead));
        return g;
    }
}
