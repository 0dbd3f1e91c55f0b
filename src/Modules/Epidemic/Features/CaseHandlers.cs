using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features;

/// <summary>The API and the pages call these; the state machine itself is <see cref="CaseWorkflow"/>.</summary>
internal static class CaseHandlers
{
    internal sealed record CaseRow(
        Guid Id, string Disease, Guid PersonId, string PersonName, string IdNumberMasked, string Category, string State,
        string StateZh, string StateEn, DateTimeOffset StateSince, DateTimeOffset ReportedAt, string CommunityCode, string? CommunityName,
        bool Closed, string Origin);

    internal sealed record TransitionView(string From, string To, DateTimeOffset At, string Actor, string? Reason, string UnitCode);

    internal sealed record TestView(string Kind, string Result, DateTimeOffset SampledAt, string RecordedBy);

    internal sealed record MoveOption(string To, string ToZh, string ToEn, int MinDaysInState, int RequiredNegativeTests, bool ReasonRequired, string? BlockedZh, string? BlockedEn);

    internal sealed record CaseDetail(
        CaseRow Case, string Address, string PhoneMasked, string ResponsibleUnit, uint Version, DateTimeOffset PhaseSince,
        IReadOnlyList<TransitionView> Transitions, IReadOnlyList<TestView> Tests, IReadOnlyList<MoveOption> Moves);

    internal sealed record CaseQuery(
        string? Disease = null, string? Category = null, string? State = null, string? Community = null, bool? Open = null, int? Page = null, int? PageSize = null);

    internal sealed record CreateCase(Guid? PersonId, string? IdNumber, string? Disease, string? Category, string? Reason);

    internal sealed record MoveCase(string? To, string? Reason, uint? Version);

    internal sealed record AddTest(string? Kind, string? Result, DateTimeOffset? SampledAt);

    /// <summary>Records a scope may see: by the person's community (records without one: the district only).</summary>
    internal static IQueryable<EpiCase> InScope(this IQueryable<EpiCase> q, AccessScope scope) =>
        q.InScope(scope, c => c.StreetCode, c => c.CommunityCode);

    /// <summary>Whether a record (or a person, by community) is in scope; records without a community: the district only.</summary>
    internal static bool Sees(AccessScope scope, EpiCase c) => ScopeFilter.Sees(scope, c.CommunityCode);

    public static async Task<Result<Page<CaseRow>>> ListAsync(EpidemicContext cx, CaseQuery query, CancellationToken ct)
    {
        var p = PageRequest.Of(query.Page, query.PageSize);
        var q = cx.Db.Set<EpiCase>().AsNoTracking().InScope(cx.User.Scope);
        if (query.Community is { } community && !string.IsNullOrWhiteSpace(community))
        {
            if (!cx.User.Scope.Contains(community))
            {
                return Refusal.NotFound(EpidemicText.Of("Problem.CommunityOutsideScope"));
            }

            q = community.Length == 9 ? q.Where(c => c.StreetCode == community) : q.Where(c => c.CommunityCode == community);
        }

        if (!string.IsNullOrWhiteSpace(query.Disease))
        {
            q = q.Where(c => c.DiseaseCode == query.Disease);
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            if (!Enum.TryParse<CaseCategory>(query.Category, ignoreCase: true, out var cat))
            {
                return Refusal.BadRequest(EpidemicText.Of("Problem.UnknownCategory", query.Category), "unknown-category");
            }

            q = q.Where(c => c.Category == cat);
        }

        if (!string.IsNullOrWhiteSpace(query.State))
        {
            q = q.Where(c => c.State == query.State);
        }

        if (query.Open is { } o)
        {
            q = q.Where(c => c.Closed == !o);
        }

        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(c => c.ReportedAt).ThenBy(c => c.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        return new Page<CaseRow>(await RowsAsync(rows, cx, ct), total, p.Number, p.Size);
    }

    internal static async Task<IReadOnlyList<CaseRow>> RowsAsync(IReadOnlyList<EpiCase> rows, EpidemicContext cx, CancellationToken ct)
    {
        var persons = await cx.People.FindManyAsync([.. rows.Select(r => r.PersonId)], ct);
        var diseases = (await cx.Catalog.AllAsync(cx.Db, ct)).ToDictionary(d => d.Row.Code, d => d.Definition);
        var list = new List<CaseRow>(rows.Count);
        foreach (var c in rows)
        {
            var person = persons.GetValueOrDefault(c.PersonId);
            var st = diseases.GetValueOrDefault(c.DiseaseCode)?.State(c.State);
            var unit = c.CommunityCode.Length > 0 ? await cx.Directory.FindAsync(c.CommunityCode, ct) : null;
            list.Add(new CaseRow(
                c.Id, c.DiseaseCode, c.PersonId, person?.Name ?? "?", person?.IdNumberMasked ?? "", c.Category.ToString(), c.State,
                st?.Zh ?? c.State, st?.En ?? c.State, c.StateSince, c.ReportedAt, c.CommunityCode, unit?.Name, c.Closed, c.Origin));
        }

        return list;
    }

    public static async Task<Result<CaseDetail>> GetAsync(Guid id, EpidemicContext cx, CaseWorkflow workflow, CancellationToken ct)
    {
        var db = cx.Db;
        var c = await db.Set<EpiCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !Sees(cx.User.Scope, c))
        {
            return OutsideScope();
        }

        var row = (await RowsAsync([c], cx, ct))[0];
        var person = await cx.People.FindAsync(c.PersonId, ct);
        var transitions = await db.Set<CaseTransition>().AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.Id)
            .Select(t => new TransitionView(t.FromState, t.ToState, t.At, t.Actor, t.Reason, t.UnitCode)).ToListAsync(ct);
        var tests = await db.Set<CaseTest>().AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.SampledAt)
            .Select(t => new { t.Kind, t.Result, t.SampledAt, t.RecordedBy }).ToListAsync(ct);
        var moves = (await workflow.OptionsAsync(c, ct))
            .Select(o => new MoveOption(
                o.To.Code, o.To.Zh, o.To.En, o.Move.MinDaysInState, o.Move.RequiredNegativeTests, o.Move.ReasonRequired,
                o.Blocked?.Message.Render(Text.Chinese), o.Blocked?.Message.Render(Text.English)))
            .ToList();
        return new CaseDetail(
            row, person?.Address ?? "", person?.PhoneMasked ?? "", c.ResponsibleUnit, c.Version, c.PhaseSince, transitions,
            [.. tests.Select(t => new TestView(t.Kind, t.Result.ToString(), t.SampledAt, t.RecordedBy))], moves);
    }

    public static async Task<Result<CaseRow>> CreateAsync(CreateCase body, EpidemicContext cx, CaseWorkflow workflow, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!Enum.TryParse<CaseCategory>(body.Category, ignoreCase: true, out var category) || !Enum.IsDefined(category))
        {
            errors.Add("category", EpidemicText.Of("Field.Category"));
        }

        if (body.PersonId is null && string.IsNullOrWhiteSpace(body.IdNumber))
        {
            errors.Add("personId", EpidemicText.Of("Field.Person"));
        }

        if (CaseReason.TooLong(body.Reason) is { } tooLong)
        {
            errors.Add("reason", tooLong);
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var person = body.PersonId is { } pid ? await cx.People.FindAsync(pid, ct) : await cx.People.FindByIdNumberAsync(body.IdNumber!, ct);
        if (person is null || !ScopeFilter.Sees(cx.User.Scope, person.CommunityCode))
        {
            return Refusal.NotFound(EpidemicText.Of("Problem.PersonOutsideScope"));
        }

        var created = await workflow.CreateAsync(new CaseWorkflow.NewCase(person.Id, body.Disease, category, "manual", body.Reason?.Trim()), ct);
        return created.TryGet(out var record) ? (await RowsAsync([record], cx, ct))[0] : created.Refusal!;
    }

    public static async Task<Result<CaseRow>> MoveAsync(Guid id, MoveCase body, EpidemicContext cx, CaseWorkflow workflow, CancellationToken ct)
    {
        var c = await cx.Db.Set<EpiCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !Sees(cx.User.Scope, c))
        {
            return OutsideScope();
        }

        if (string.IsNullOrWhiteSpace(body.To))
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.TargetRequired"), "target-required");
        }

        var moved = await workflow.MoveAsync(id, body.To.Trim(), body.Reason, body.Version, ct);
        return moved.TryGet(out var record) ? (await RowsAsync([record], cx, ct))[0] : moved.Refusal!;
    }

    public static async Task<Result<TestView>> AddTestAsync(Guid id, AddTest body, EpidemicContext cx, CaseWorkflow workflow, CancellationToken ct)
    {
        var c = await cx.Db.Set<EpiCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !Sees(cx.User.Scope, c))
        {
            return OutsideScope();
        }

        if (!Enum.TryParse<TestResult>(body.Result, ignoreCase: true, out var result) || !Enum.IsDefined(result))
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.TestResult"), "test-result");
        }

        if (body.SampledAt is null)
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.SampledAtRequired"), "sampled-at-required");
        }

        var added = await workflow.AddTestAsync(id, body.Kind ?? "", result, body.SampledAt.Value, ct);
        return added.TryGet(out var t) ? new TestView(t.Kind, t.Result.ToString(), t.SampledAt, t.RecordedBy) : added.Refusal!;
    }

    private static Refusal OutsideScope() => Refusal.NotFound(EpidemicText.Of("Problem.RecordOutsideScope"));
}
