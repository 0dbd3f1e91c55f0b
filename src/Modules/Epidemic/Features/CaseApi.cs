using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features;

/// <summary>
/// The four categories over HTTP: list and read records in scope, create one by hand, move it through its
/// disease's state machine, record tests. Pages call the same functions.
/// </summary>
internal static class CaseApi
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

    internal sealed record CreateCase(Guid? PersonId, string? IdNumber, string? Disease, string? Category, string? Reason);

    internal sealed record MoveCase(string? To, string? Reason, uint? Version);

    internal sealed record AddTest(string? Kind, string? Result, DateTimeOffset? SampledAt);

    public static RouteGroupBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/epidemic/cases").WithTags("Epidemic / 四类人员");
        g.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapGet("/{id:guid}", GetAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapGet("/export.{format}", ExportAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapPost("/{id:guid}/moves", MoveAsync).RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapPost("/{id:guid}/tests", AddTestAsync).RequireAuthorization(nameof(Permission.EpidemicWrite));
        return g;
    }

    /// <summary>Records a scope may see: by the person's community (records without one: the district only).</summary>
    internal static IQueryable<EpiCase> InScope(this IQueryable<EpiCase> q, AccessScope scope) =>
        q.InScope(scope, c => c.StreetCode, c => c.CommunityCode);

    /// <summary>Whether a record (or a person, by community) is in scope; records without a community: the district only.</summary>
    internal static bool Sees(AccessScope scope, EpiCase c) => ScopeFilter.Sees(scope, c.CommunityCode);

    internal static async Task<Results<Ok<Page<CaseRow>>, ProblemHttpResult>> ListAsync(
        YiwangDbContext db, CurrentUser user, IPersonDirectory people, DiseaseCatalog catalog, JurisdictionDirectory dir,
        string? disease, string? category, string? state, string? community, bool? open, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<EpiCase>().AsNoTracking().InScope(user.Scope);
        if (!string.IsNullOrWhiteSpace(community))
        {
            if (!user.Scope.Contains(community))
            {
                return Problems.NotFound("该社区不存在或不在您的辖区内", "No such community in your jurisdiction");
            }

            q = community.Length == 9 ? q.Where(c => c.StreetCode == community) : q.Where(c => c.CommunityCode == community);
        }

        if (!string.IsNullOrWhiteSpace(disease))
        {
            q = q.Where(c => c.DiseaseCode == disease);
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            if (!Enum.TryParse<CaseCategory>(category, ignoreCase: true, out var cat))
            {
                return Problems.Status(400, $"未知类别：{category}", $"Unknown category: {category}", "unknown-category");
            }

            q = q.Where(c => c.Category == cat);
        }

        if (!string.IsNullOrWhiteSpace(state))
        {
            q = q.Where(c => c.State == state);
        }

        if (open is { } o)
        {
            q = q.Where(c => c.Closed == !o);
        }

        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(c => c.ReportedAt).ThenBy(c => c.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var items = await RowsAsync(rows, people, catalog, db, dir, ct);
        return TypedResults.Ok(new Page<CaseRow>(items, total, p.Number, p.Size));
    }

    /// <summary>
    /// The list as CSV or XLSX with the same filters and scope, masked, streamed page by page (a district-wide
    /// list never sits in memory).
    /// </summary>
    internal static async Task<IResult> ExportAsync(
        string format, HttpContext http, YiwangDbContext db, CurrentUser user, IPersonDirectory people, DiseaseCatalog catalog,
        JurisdictionDirectory dir, string? disease, string? category, string? state, string? community, bool? open, CancellationToken ct)
    {
        if (Downloads.CheckFormat(format) is { } bad)
        {
            return bad;
        }

        var first = await ListAsync(db, user, people, catalog, dir, disease, category, state, community, open, 1, 1, ct);
        if (first.Result is ProblemHttpResult problem)
        {
            return problem;
        }

        async IAsyncEnumerable<CaseRow> All([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token = default)
        {
            for (var page = 1; ; page++)
            {
                var result = await ListAsync(db, user, people, catalog, dir, disease, category, state, community, open, page, PageRequest.MaxSize, token);
                var items = ((Ok<Page<CaseRow>>)result.Result).Value!.Items;
                foreach (var row in items)
                {
                    yield return row;
                }

                if (items.Count < PageRequest.MaxSize)
                {
                    yield break;
                }
            }
        }

        db.Audit(new Kernel.Audit.AuditRecord("export", nameof(EpiCase), "*", $"{format} category={category} community={community}"));
        await db.SaveChangesAsync(ct);
        (string, Func<CaseRow, string?>)[] columns =
        [
            ("姓名 Name", r => r.PersonName),
            ("身份证号 ID number", r => r.IdNumberMasked),
            ("类别 Category", r => r.Category),
            ("状态 State", r => $"{r.StateZh} {r.StateEn}"),
            ("状态开始 Since", r => Yiwang.Kernel.Time.DistrictTime.Show(r.StateSince)),
            ("社区 Community", r => r.CommunityName),
            ("社区代码 Community code", r => r.CommunityCode),
            ("疾病 Disease", r => r.Disease),
            ("来源 Origin", r => r.Origin),
            ("已结束 Closed", r => r.Closed ? "是 yes" : "否 no"),
        ];
        return await Downloads.WriteAsync(http, format, "four-categories", columns, All(ct), ct);
    }

    internal static async Task<IReadOnlyList<CaseRow>> RowsAsync(
        IReadOnlyList<EpiCase> rows, IPersonDirectory people, DiseaseCatalog catalog, YiwangDbContext db, JurisdictionDirectory dir, CancellationToken ct)
    {
        var persons = await people.FindManyAsync([.. rows.Select(r => r.PersonId)], ct);
        var diseases = (await catalog.AllAsync(db, ct)).ToDictionary(d => d.Row.Code, d => d.Definition);
        var list = new List<CaseRow>(rows.Count);
        foreach (var c in rows)
        {
            var person = persons.GetValueOrDefault(c.PersonId);
            var st = diseases.GetValueOrDefault(c.DiseaseCode)?.State(c.State);
            var unit = c.CommunityCode.Length > 0 ? await dir.FindAsync(c.CommunityCode, ct) : null;
            list.Add(new CaseRow(
                c.Id, c.DiseaseCode, c.PersonId, person?.Name ?? "?", person?.IdNumberMasked ?? "", c.Category.ToString(), c.State,
                st?.Zh ?? c.State, st?.En ?? c.State, c.StateSince, c.ReportedAt, c.CommunityCode, unit?.Name, c.Closed, c.Origin));
        }

        return list;
    }

    internal static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, DiseaseCatalog catalog, JurisdictionDirectory dir,
        CaseWorkflow workflow, CancellationToken ct)
    {
        var c = await db.Set<EpiCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !Sees(user.Scope, c))
        {
            return Problems.NotFound("未找到该记录或不在您的辖区内", "No such record in your jurisdiction");
        }

        var row = (await RowsAsync([c], people, catalog, db, dir, ct))[0];
        var person = await people.FindAsync(c.PersonId, ct);
        var transitions = await db.Set<CaseTransition>().AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.Id)
            .Select(t => new TransitionView(t.FromState, t.ToState, t.At, t.Actor, t.Reason, t.UnitCode)).ToListAsync(ct);
        var tests = await db.Set<CaseTest>().AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.SampledAt)
            .Select(t => new { t.Kind, t.Result, t.SampledAt, t.RecordedBy }).ToListAsync(ct);
        var moves = (await workflow.OptionsAsync(c, ct))
            .Select(o => new MoveOption(o.To.Code, o.To.Zh, o.To.En, o.Move.MinDaysInState, o.Move.RequiredNegativeTests, o.Move.ReasonRequired, o.Blocked?.Zh, o.Blocked?.En))
            .ToList();
        return TypedResults.Ok(new CaseDetail(
            row, person?.Address ?? "", person?.PhoneMasked ?? "", c.ResponsibleUnit, c.Version, c.PhaseSince, transitions,
            [.. tests.Select(t => new TestView(t.Kind, t.Result.ToString(), t.SampledAt, t.RecordedBy))], moves));
    }

    internal static async Task<Results<Created<CaseRow>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateCase body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, DiseaseCatalog catalog, JurisdictionDirectory dir,
        CaseWorkflow workflow, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!Enum.TryParse<CaseCategory>(body.Category, ignoreCase: true, out var category) || !Enum.IsDefined(category))
        {
            errors.Add("category", "类别须为 Confirmed、Suspected、CloseContact 或 FeverPatient", "Category must be Confirmed, Suspected, CloseContact or FeverPatient");
        }

        if (body.PersonId is null && string.IsNullOrWhiteSpace(body.IdNumber))
        {
            errors.Add("personId", "须指定人员（人员编号或身份证号）", "Give the person (person id or identity number)");
        }

        if (body.Reason is { Length: > 500 })
        {
            errors.Add("reason", "原因最多 500 字", "The reason is 500 characters at most");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var person = body.PersonId is { } pid ? await people.FindAsync(pid, ct) : await people.FindByIdNumberAsync(body.IdNumber!, ct);
        if (person is null || !ScopeFilter.Sees(user.Scope, person.CommunityCode))
        {
            return Problems.NotFound("未找到该人员或不在您的辖区内", "No such person in your jurisdiction");
        }

        var (created, refusal) = await workflow.CreateAsync(new CaseWorkflow.NewCase(person.Id, body.Disease, category, "manual", body.Reason?.Trim()), ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var row = (await RowsAsync([created!], people, catalog, db, dir, ct))[0];
        return TypedResults.Created($"/api/epidemic/cases/{created!.Id}", row);
    }

    internal static async Task<Results<Ok<CaseRow>, ProblemHttpResult>> MoveAsync(
        Guid id, MoveCase body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, DiseaseCatalog catalog, JurisdictionDirectory dir,
        CaseWorkflow workflow, CancellationToken ct)
    {
        var c = await db.Set<EpiCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !Sees(user.Scope, c))
        {
            return Problems.NotFound("未找到该记录或不在您的辖区内", "No such record in your jurisdiction");
        }

        if (string.IsNullOrWhiteSpace(body.To))
        {
            return Problems.Status(400, "须指定目标状态", "Give the target state", "target-required");
        }

        var (moved, refusal) = await workflow.MoveAsync(id, body.To.Trim(), body.Reason, body.Version, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Ok((await RowsAsync([moved!], people, catalog, db, dir, ct))[0]);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AddTestAsync(
        Guid id, AddTest body, YiwangDbContext db, CurrentUser user, CaseWorkflow workflow, CancellationToken ct)
    {
        var c = await db.Set<EpiCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !Sees(user.Scope, c))
        {
            return Problems.NotFound("未找到该记录或不在您的辖区内", "No such record in your jurisdiction");
        }

        if (!Enum.TryParse<TestResult>(body.Result, ignoreCase: true, out var result) || !Enum.IsDefined(result))
        {
            return Problems.Status(400, "检测结果须为 Negative 或 Positive", "The result must be Negative or Positive", "test-result");
        }

        if (body.SampledAt is null)
        {
            return Problems.Status(400, "须填写采样时间", "Give the sampling time", "sampled-at-required");
        }

        var refusal = await workflow.AddTestAsync(id, body.Kind ?? "", result, body.SampledAt.Value, ct);
        return refusal is null ? TypedResults.NoContent() : refusal.ToProblem();
    }

    /// <summary>For pages: a definition's states by code.</summary>
    internal static string Json(object value) => JsonSerializer.Serialize(value, DiseaseDefinition.Json);
}
