using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>
/// Colour rules (read, new version with re-evaluation progress), a person's colour with reasons and history for
/// officers in scope, and manual overrides under four eyes. Pages call the same functions. docs/colour-rules.md.
/// </summary>
internal static class ColoursApi
{
    internal sealed record RuleSetView(int Version, string Json, DateTimeOffset CreatedAt, string CreatedBy, string? Reason, int Total, int Done, bool Finished);

    internal sealed record SaveRules(string? Json, string? Reason, int? ExpectedVersion);

    internal sealed record ChangeView(CodeColour From, CodeColour To, DateTimeOffset At, string Cause, string? RuleId, int RuleSetVersion, Guid? OverrideId, string Actor, IReadOnlyList<ColourReason> Reasons);

    internal sealed record OverrideView(
        Guid Id, Guid PersonId, string? PersonName, CodeColour Colour, string Reason, int Days, string Status, string RequestedBy, DateTimeOffset RequestedAt,
        string? DecidedBy, DateTimeOffset? DecidedAt, string? Note, DateTimeOffset? Until);

    internal sealed record PersonColourView(
        Guid PersonId, string Name, string IdNumberMasked, string CommunityCode, CodeColour Colour, DateTimeOffset? Since,
        IReadOnlyList<ColourReason> Reasons, IReadOnlyList<ChangeView> History, IReadOnlyList<OverrideView> Overrides);

    internal sealed record RequestOverride(string? Colour, string? Reason, int? Days);

    internal sealed record Decide(string? Note);

    public static IEndpointRouteBuilder MapColoursApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/health-codes").WithTags("Health codes / 健康码");
        g.MapGet("/rules", async (YiwangDbContext db, ColourRules rules, CancellationToken ct) =>
            (await RulesAsync(db, rules, ct)).ToOk()).RequireAuthorization(nameof(Permission.HealthCodesRead));
        g.MapGet("/rules/versions", async (YiwangDbContext db, CancellationToken ct) =>
            (await VersionsAsync(db, ct)).ToOk()).RequireAuthorization(nameof(Permission.HealthCodesRead));
        g.MapPut("/rules", async (SaveRules? body, YiwangDbContext db, ColourRules rules, CurrentUser user, CancellationToken ct) =>
            (await SaveRulesAsync(body, db, rules, user, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicConfigure));
        g.MapGet("/persons/{id:guid}/colour", async (Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, CancellationToken ct) =>
            (await PersonAsync(id, db, user, people, ct)).ToOk()).RequireAuthorization(nameof(Permission.HealthCodesRead));
        g.MapPost("/persons/{id:guid}/overrides", async (Guid id, RequestOverride? body, YiwangDbContext db, CurrentUser user, IPersonDirectory people,
                OverrideService svc, CancellationToken ct) =>
            (await RequestAsync(id, body, db, user, people, svc, ct)).ToCreated(o => $"/api/health-codes/overrides/{o.Id}"))
            .RequireAuthorization(nameof(Permission.HealthCodesOverride));
        g.MapGet("/overrides", async (YiwangDbContext db, CurrentUser user, IPersonDirectory people, string? status, int? page, int? pageSize, CancellationToken ct) =>
            (await OverridesAsync(db, user, people, status, page, pageSize, ct)).ToOk()).RequireAuthorization(nameof(Permission.HealthCodesOverride));
        g.MapPost("/overrides/{id:guid}/approve", async (Guid id, Decide? body, YiwangDbContext db, CurrentUser user, OverrideService svc, IPersonDirectory people, CancellationToken ct) =>
            (await DecideAsync(id, true, body, db, user, svc, people, ct)).ToOk()).RequireAuthorization(nameof(Permission.HealthCodesOverride));
        g.MapPost("/overrides/{id:guid}/reject", async (Guid id, Decide? body, YiwangDbContext db, CurrentUser user, OverrideService svc, IPersonDirectory people, CancellationToken ct) =>
            (await DecideAsync(id, false, body, db, user, svc, people, ct)).ToOk()).RequireAuthorization(nameof(Permission.HealthCodesOverride));
        g.MapPost("/overrides/{id:guid}/revoke", async (Guid id, Decide? body, YiwangDbContext db, CurrentUser user, OverrideService svc, IPersonDirectory people, CancellationToken ct) =>
            (await RevokeAsync(id, body, db, user, svc, people, ct)).ToOk()).RequireAuthorization(nameof(Permission.HealthCodesOverride));
        return app;
    }

    internal static RuleSetView View(ColourRuleSetRow r) =>
        new(r.Version, r.Json, r.CreatedAt, r.CreatedBy, r.Reason, r.ReevaluationTotal, r.ReevaluationDone, r.ReevaluatedAt is not null);

    internal static async Task<Result<RuleSetView>> RulesAsync(YiwangDbContext db, ColourRules rules, CancellationToken ct)
    {
        var row = await db.Set<ColourRuleSetRow>().AsNoTracking().OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            await rules.EnsureAsync(db, ct);
            row = await db.Set<ColourRuleSetRow>().AsNoTracking().OrderByDescending(r => r.Version).FirstAsync(ct);
        }

        return View(row);
    }

    internal static async Task<Result<List<RuleSetView>>> VersionsAsync(YiwangDbContext db, CancellationToken ct) =>
        (await db.Set<ColourRuleSetRow>().AsNoTracking().OrderByDescending(r => r.Version).Take(100).ToListAsync(ct)).Select(View).ToList();

    internal static async Task<Result<RuleSetView>> SaveRulesAsync(
        SaveRules? body, YiwangDbContext db, ColourRules rules, CurrentUser user, CancellationToken ct)
    {
        var saved = await rules.SaveAsync(db, body?.Json, body?.Reason, body?.ExpectedVersion, user.Actor, ct);
        return saved.TryGet(out var row) ? View(row) : saved.Refusal!;
    }

    internal static async Task<Result<PersonColourView>> PersonAsync(
        Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, CancellationToken ct)
    {
        var person = await people.FindAsync(id, ct);
        if (!ScopeFilter.Sees(user.Scope, person))
        {
            return Refusal.NotFound(new Text(typeof(ColoursText), "Refusal_PersonNotFound"));
        }

        return await ViewAsync(db, person!, ct);
    }

    internal static async Task<PersonColourView> ViewAsync(YiwangDbContext db, PersonSummary person, CancellationToken ct)
    {
        var state = await ColourBook.CurrentAsync(db, person.Id, ct);
        var history = (await ColourBook.HistoryAsync(db, person.Id, 100, ct))
            .Select(c => new ChangeView(c.From, c.To, c.At, c.Cause, c.RuleId, c.RuleSetVersion, c.OverrideId, c.Actor, ColourBook.Reasons(c.ReasonsJson))).ToList();
        var overrides = await db.Set<ColourOverride>().AsNoTracking().Where(o => o.PersonId == person.Id).OrderByDescending(o => o.RequestedAt).Take(50).ToListAsync(ct);
        return new PersonColourView(person.Id, person.Name, person.IdNumberMasked, person.CommunityCode, state.Colour, state.Since, state.Reasons, history,
            overrides.Select(o => ToView(o, person.Name)).ToList());
    }

    internal static OverrideView ToView(ColourOverride o, string? name) =>
        new(o.Id, o.PersonId, name, o.Colour, o.Reason, o.Days, o.Status.ToString(), o.RequestedBy, o.RequestedAt, o.DecidedBy, o.DecidedAt, o.DecisionNote, o.Until);

    internal static async Task<Result<OverrideView>> RequestAsync(
        Guid id, RequestOverride? body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, OverrideService svc, CancellationToken ct)
    {
        var person = await people.FindAsync(id, ct);
        if (!ScopeFilter.Sees(user.Scope, person))
        {
            return Refusal.NotFound(new Text(typeof(ColoursText), "Refusal_PersonNotFound"));
        }

        var requested = await svc.RequestAsync(db, person!, body?.Colour, body?.Reason, body?.Days, user.Actor, ct);
        return requested.TryGet(out var o) ? ToView(o, person!.Name) : requested.Refusal!;
    }

    internal static async Task<Result<Page<OverrideView>>> OverridesAsync(
        YiwangDbContext db, CurrentUser user, IPersonDirectory people, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<ColourOverride>().AsNoTracking().InScope(user.Scope, o => o.StreetCode, o => o.CommunityCode);
        var s = Enum.TryParse<OverrideStatus>(status, true, out var parsed) ? parsed : OverrideStatus.Pending;
        q = q.Where(o => o.Status == s);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderBy(o => o.RequestedAt).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var names = await people.FindManyAsync(rows.Select(r => r.PersonId).Distinct().ToList(), ct);
        return new Page<OverrideView>(rows.Select(o => ToView(o, names.GetValueOrDefault(o.PersonId)?.Name)).ToList(), total, p.Number, p.Size);
    }

    internal static async Task<Result<OverrideView>> DecideAsync(
        Guid id, bool approve, Decide? body, YiwangDbContext db, CurrentUser user, OverrideService svc, IPersonDirectory people, CancellationToken ct)
    {
        var o = await db.Set<ColourOverride>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null || !ScopeFilter.Sees(user.Scope, o.CommunityCode))
        {
            return Refusal.NotFound(new Text(typeof(ColoursText), "Refusal_OverrideNotFound"));
        }

        var decided = await svc.DecideAsync(db, o, approve, body?.Note, user.Actor, ct);
        return decided.TryGet(out var done) ? ToView(done, (await people.FindAsync(o.PersonId, ct))?.Name) : decided.Refusal!;
    }

    internal static async Task<Result<OverrideView>> RevokeAsync(
        Guid id, Decide? body, YiwangDbContext db, CurrentUser user, OverrideService svc, IPersonDirectory people, CancellationToken ct)
    {
        var o = await db.Set<ColourOverride>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null || !ScopeFilter.Sees(user.Scope, o.CommunityCode))
        {
            return Refusal.NotFound(new Text(typeof(ColoursText), "Refusal_OverrideNotFound"));
        }

        var revoked = await svc.RevokeAsync(db, o, body?.Note, user.Actor, ct);
        return revoked.TryGet(out var done) ? ToView(done, (await people.FindAsync(o.PersonId, ct))?.Name) : revoked.Refusal!;
    }
}
