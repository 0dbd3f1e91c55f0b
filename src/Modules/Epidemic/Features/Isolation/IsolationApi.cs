using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>
/// Isolation and treatment (隔离救治): sites with capacity and live occupancy, assignments of four-category records,
/// transfers and releases. Sites are configured by EpidemicConfigure, seen in scope by EpidemicRead; assignments
/// need EpidemicWrite and a record in the caller's scope.
/// </summary>
internal static class IsolationApi
{
    internal sealed record SiteView(
        Guid Id, string Name, string Kind, string Address, string UnitCode, string? UnitName, int Capacity, int Occupied, bool Active, uint Version);

    internal sealed record OccupantView(
        Guid AssignmentId, Guid CaseId, Guid PersonId, string Name, string IdNumberMasked, string CommunityCode, string? CommunityName,
        string State, DateTimeOffset StartedAt);

    internal sealed record SiteDetail(SiteView Site, Page<OccupantView> Occupants);

    internal sealed record AssignRequest(Guid? CaseId, Guid? SiteId, bool Home = false);

    internal sealed record MoveRequest(Guid? SiteId, bool Home = false, string? Reason = null);

    internal sealed record ReleaseRequest(string? Reason);

    internal sealed record AssignmentView(
        Guid Id, Guid? SiteId, string Kind, Guid CaseId, Guid PersonId, DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? EndedAt,
        string? EndedBy, string? EndReason, Guid? NextAssignmentId);

    public static RouteGroupBuilder MapIsolationApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/epidemic/isolation").WithTags("Epidemic isolation / 隔离救治");
        g.MapGet("/sites", ListSitesAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapGet("/sites/{id:guid}", GetSiteAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapPost("/sites", CreateSiteAsync).RequireAuthorization(nameof(Permission.EpidemicConfigure));
        g.MapPut("/sites/{id:guid}", UpdateSiteAsync).RequireAuthorization(nameof(Permission.EpidemicConfigure));
        g.MapPost("/assignments", AssignAsync).RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapPost("/assignments/{id:guid}/transfer", TransferAsync).RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapPost("/assignments/{id:guid}/release", ReleaseAsync).RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapGet("/cases/{caseId:guid}/assignments", CaseAssignmentsAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        return g;
    }

    /// <summary>Sites visible in scope (own unit's, the units' above), the unit's first, with live occupancy.</summary>
    internal static async Task<Ok<Page<SiteView>>> ListSitesAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, bool? active, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<IsolationSite>().AsNoTracking().Visible(user.Scope);
        if (active is { } a)
        {
            q = q.Where(s => s.Active == a);
        }

        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(s => s.Active).ThenByDescending(s => s.UnitCode).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var items = new List<SiteView>(rows.Count);
        foreach (var s in rows)
        {
            items.Add(await ViewAsync(s, dir, ct));
        }

        return TypedResults.Ok(new Page<SiteView>(items, total, p.Number, p.Size));
    }

    /// <summary>A site and its current occupants in the caller's scope (names from the registry, numbers masked).</summary>
    internal static async Task<Results<Ok<SiteDetail>, ProblemHttpResult>> GetSiteAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, IPersonDirectory people, int? page, int? pageSize, CancellationToken ct)
    {
        var site = await db.Set<IsolationSite>().AsNoTracking().Visible(user.Scope).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return Problems.NotFound("未找到该隔离点", "Isolation site not found");
        }

        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<IsolationAssignment>().AsNoTracking().InScope(user.Scope).Where(a => a.SiteId == id && a.EndedAt == null);
        var occupants = await OccupantsAsync(db, q, dir, people, user.Scope, p, ct);
        return TypedResults.Ok(new SiteDetail(await ViewAsync(site, dir, ct), occupants));
    }

    /// <summary>Active home-isolation assignments in scope (no site, no capacity).</summary>
    internal static Task<Page<OccupantView>> HomeAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, IPersonDirectory people, int? page, CancellationToken ct) =>
        OccupantsAsync(
            db, db.Set<IsolationAssignment>().AsNoTracking().InScope(user.Scope).Where(a => a.SiteId == null && a.EndedAt == null),
            dir, people, user.Scope, PageRequest.Of(page, 50), ct);

    private static async Task<Page<OccupantView>> OccupantsAsync(
        YiwangDbContext db, IQueryable<IsolationAssignment> q, JurisdictionDirectory dir, IPersonDirectory people, AccessScope scope,
        PageRequest p, CancellationToken ct)
    {
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderBy(a => a.CommunityCode).ThenBy(a => a.Id).Skip(p.Skip).Take(p.Size)
            .Join(db.Set<EpiCase>(), a => a.CaseId, c => c.Id, (a, c) => new { a.Id, a.CaseId, a.PersonId, a.CommunityCode, c.State, a.StartedAt })
            .ToListAsync(ct);
        var persons = await people.FindManyAsync([.. rows.Select(r => r.PersonId)], ct);
        var names = (await dir.CommunitiesInAsync(scope, ct)).ToDictionary(c => c.Code, c => c.Name);
        var items = rows.Select(r =>
        {
            var person = persons.GetValueOrDefault(r.PersonId);
            return new OccupantView(r.Id, r.CaseId, r.PersonId, person?.Name ?? "?", person?.IdNumberMasked ?? "", r.CommunityCode,
                names.GetValueOrDefault(r.CommunityCode), r.State, r.StartedAt);
        }).ToList();
        return new Page<OccupantView>(items, total, p.Number, p.Size);
    }

    internal static async Task<Results<Created<SiteView>, ValidationProblem, ProblemHttpResult>> CreateSiteAsync(
        IsolationService.SiteInput input, IsolationService service, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var (site, refusal, errors) = await service.CreateSiteAsync(input, user.Scope, ct);
        if (errors is not null)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return refusal is not null ? refusal.ToProblem() : TypedResults.Created($"/api/epidemic/isolation/sites/{site!.Id}", await ViewAsync(site, dir, ct));
    }

    internal static async Task<Results<Ok<SiteView>, ValidationProblem, ProblemHttpResult>> UpdateSiteAsync(
        Guid id, IsolationService.SiteInput input, IsolationService service, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var (site, refusal, errors) = await service.UpdateSiteAsync(id, input, user.Scope, ct);
        if (errors is not null)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(await ViewAsync(site!, dir, ct));
    }

    internal static async Task<Results<Created<AssignmentView>, ProblemHttpResult>> AssignAsync(
        AssignRequest request, IsolationService service, CurrentUser user, CancellationToken ct)
    {
        if (request.CaseId is not { } caseId || (request.SiteId is null) != request.Home)
        {
            return Problems.Status(400, "须指定记录，以及隔离点或居家隔离（二选一）", "Give the record and either a site or home isolation", "bad-assignment");
        }

        var (a, refusal) = await service.AssignAsync(caseId, request.SiteId, user.Scope, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Created($"/api/epidemic/isolation/cases/{caseId}/assignments", View(a!));
    }

    internal static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> TransferAsync(
        Guid id, MoveRequest request, IsolationService service, CurrentUser user, CancellationToken ct)
    {
        if ((request.SiteId is null) != request.Home)
        {
            return Problems.Status(400, "须指定目标隔离点或居家隔离（二选一）", "Give either a target site or home isolation", "bad-assignment");
        }

        var (a, refusal) = await service.TransferAsync(id, request.SiteId, request.Reason, user.Scope, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(View(a!));
    }

    internal static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> ReleaseAsync(
        Guid id, ReleaseRequest? request, IsolationService service, CurrentUser user, CancellationToken ct)
    {
        var (a, refusal) = await service.ReleaseAsync(id, request?.Reason, user.Scope, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(View(a!));
    }

    /// <summary>A record's assignments, newest first.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<AssignmentView>>, ProblemHttpResult>> CaseAssignmentsAsync(
        Guid caseId, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!await db.Set<EpiCase>().AsNoTracking().InScope(user.Scope).AnyAsync(c => c.Id == caseId, ct))
        {
            return Problems.NotFound("未找到该记录", "Record not found");
        }

        var rows = await db.Set<IsolationAssignment>().AsNoTracking().Where(a => a.CaseId == caseId)
            .OrderByDescending(a => a.Id).Take(100).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<AssignmentView>>([.. rows.Select(View)]);
    }

    internal static AssignmentView View(IsolationAssignment a) => new(
        a.Id, a.SiteId, a.Kind.ToString().ToLowerInvariant(), a.CaseId, a.PersonId, a.StartedAt, a.StartedBy, a.EndedAt, a.EndedBy, a.EndReason,
        a.NextAssignmentId);

    private static async Task<SiteView> ViewAsync(IsolationSite s, JurisdictionDirectory dir, CancellationToken ct) => new(
        s.Id, s.Name, s.Kind.ToString().ToLowerInvariant(), s.Address, s.UnitCode, (await dir.FindAsync(s.UnitCode, ct))?.Name,
        s.Capacity, s.Occupied, s.Active, s.Version);
}
