using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>隔离救治: sites are configured by EpidemicConfigure and seen in scope by EpidemicRead; assignments need
/// EpidemicWrite and a record in the caller's scope.</summary>
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
        g.MapGet("/sites", async (YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, bool? active, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await ListSitesAsync(db, user, dir, active, page, pageSize, ct))).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapGet("/sites/{id:guid}", async (Guid id, EpidemicContext cx, int? page, int? pageSize, CancellationToken ct) =>
            (await GetSiteAsync(id, cx, page, pageSize, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapPost("/sites", async (IsolationSites.SiteInput input, IsolationSites sites, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct) =>
            (await CreateSiteAsync(input, sites, user, dir, ct)).ToCreated(s => $"/api/epidemic/isolation/sites/{s.Id}"))
            .RequireAuthorization(nameof(Permission.EpidemicConfigure));
        g.MapPut("/sites/{id:guid}", async (Guid id, IsolationSites.SiteInput input, IsolationSites sites, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct) =>
            (await UpdateSiteAsync(id, input, sites, user, dir, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicConfigure));
        g.MapPost("/assignments", async (AssignRequest request, IsolationService service, CurrentUser user, CancellationToken ct) =>
            (await AssignAsync(request, service, user, ct)).ToCreated(a => $"/api/epidemic/isolation/cases/{a.CaseId}/assignments"))
            .RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapPost("/assignments/{id:guid}/transfer", async (Guid id, MoveRequest request, IsolationService service, CurrentUser user, CancellationToken ct) =>
            (await TransferAsync(id, request, service, user, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapPost("/assignments/{id:guid}/release", async (Guid id, ReleaseRequest? request, IsolationService service, CurrentUser user, CancellationToken ct) =>
            (await ReleaseAsync(id, request, service, user, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapGet("/cases/{caseId:guid}/assignments", async (Guid caseId, YiwangDbContext db, CurrentUser user, CancellationToken ct) =>
            (await CaseAssignmentsAsync(caseId, db, user, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicRead));
        return g;
    }

    /// <summary>Sites visible in scope (own unit's, the units' above), the unit's first, with live occupancy.</summary>
    public static async Task<Page<SiteView>> ListSitesAsync(
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

        return new Page<SiteView>(items, total, p.Number, p.Size);
    }

    /// <summary>A site and its current occupants in the caller's scope (names from the registry, numbers masked).</summary>
    public static async Task<Result<SiteDetail>> GetSiteAsync(Guid id, EpidemicContext cx, int? page, int? pageSize, CancellationToken ct)
    {
        var (db, scope) = (cx.Db, cx.User.Scope);
        var site = await db.Set<IsolationSite>().AsNoTracking().Visible(scope).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null)
        {
            return IsolationRefusals.SiteNotFound();
        }

        var q = db.Set<IsolationAssignment>().AsNoTracking().InScope(scope).Where(a => a.SiteId == id && a.EndedAt == null);
        var occupants = await OccupantsAsync(db, q, cx.Directory, cx.People, scope, PageRequest.Of(page, pageSize), ct);
        return new SiteDetail(await ViewAsync(site, cx.Directory, ct), occupants);
    }

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

    public static async Task<Result<SiteView>> CreateSiteAsync(
        IsolationSites.SiteInput input, IsolationSites sites, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var created = await sites.CreateAsync(input, user.Scope, ct);
        return created.TryGet(out var site) ? await ViewAsync(site, dir, ct) : created.Refusal!;
    }

    public static async Task<Result<SiteView>> UpdateSiteAsync(
        Guid id, IsolationSites.SiteInput input, IsolationSites sites, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var updated = await sites.UpdateAsync(id, input, user.Scope, ct);
        return updated.TryGet(out var site) ? await ViewAsync(site, dir, ct) : updated.Refusal!;
    }

    public static async Task<Result<AssignmentView>> AssignAsync(AssignRequest request, IsolationService service, CurrentUser user, CancellationToken ct)
    {
        if (request.CaseId is not { } caseId || (request.SiteId is null) != request.Home)
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.BadAssignment"), "bad-assignment");
        }

        return View(await service.AssignAsync(caseId, request.SiteId, user.Scope, ct));
    }

    public static async Task<Result<AssignmentView>> TransferAsync(Guid id, MoveRequest request, IsolationService service, CurrentUser user, CancellationToken ct)
    {
        if ((request.SiteId is null) != request.Home)
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.BadTransfer"), "bad-assignment");
        }

        return View(await service.TransferAsync(id, request.SiteId, request.Reason, user.Scope, ct));
    }

    public static async Task<Result<AssignmentView>> ReleaseAsync(Guid id, ReleaseRequest? request, IsolationService service, CurrentUser user, CancellationToken ct) =>
        View(await service.ReleaseAsync(id, request?.Reason, user.Scope, ct));

    public static async Task<Result<List<AssignmentView>>> CaseAssignmentsAsync(Guid caseId, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!await db.Set<EpiCase>().AsNoTracking().InScope(user.Scope).AnyAsync(c => c.Id == caseId, ct))
        {
            return IsolationRefusals.RecordNotFound();
        }

        var rows = await db.Set<IsolationAssignment>().AsNoTracking().Where(a => a.CaseId == caseId)
            .OrderByDescending(a => a.Id).Take(100).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    private static Result<AssignmentView> View(Result<IsolationAssignment> result) =>
        result.TryGet(out var a) ? View(a) : result.Refusal!;

    internal static AssignmentView View(IsolationAssignment a) => new(
        a.Id, a.SiteId, a.Kind.ToString().ToLowerInvariant(), a.CaseId, a.PersonId, a.StartedAt, a.StartedBy, a.EndedAt, a.EndedBy, a.EndReason,
        a.NextAssignmentId);

    private static async Task<SiteView> ViewAsync(IsolationSite s, JurisdictionDirectory dir, CancellationToken ct) => new(
        s.Id, s.Name, s.Kind.ToString().ToLowerInvariant(), s.Address, s.UnitCode, (await dir.FindAsync(s.UnitCode, ct))?.Name,
        s.Capacity, s.Occupied, s.Active, s.Version);
}
