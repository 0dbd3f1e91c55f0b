using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Privacy;
using Yiwang.Kernel.Web;
using Yiwang.People.Domain;

namespace Yiwang.People.Features;

/// <summary>The possible-duplicates queue over HTTP: list, merge, mark distinct, undo a merge.</summary>
internal static class DuplicatesApi
{
    internal sealed record PersonBrief(Guid Id, string Name, DateOnly? BirthDate, string PhoneMasked, string IdNumberMasked, string CommunityCode);

    internal sealed record QueueItem(
        Guid Id, string Kind, string Reason, DateTimeOffset CreatedAt, string Source, string ExternalId,
        PersonBrief? Person, PersonBrief Candidate);

    internal sealed record Decision(string? Reason);

    internal sealed record Merged(Guid MergeId);

    public static RouteGroupBuilder MapDuplicatesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/people").WithTags("People / 人口").RequireAuthorization(nameof(Permission.DuplicatesReview));
        g.MapGet("/duplicates", ListAsync);
        g.MapPost("/duplicates/{id:guid}/merge", MergeAsync);
        g.MapPost("/duplicates/{id:guid}/distinct", DistinctAsync);
        g.MapPost("/merges/{id:guid}/undo", UndoAsync);
        return g;
    }

    internal static async Task<Ok<Page<QueueItem>>> ListAsync(YiwangDbContext db, DuplicateReview review, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var q = review.Queue();
        var total = await q.LongCountAsync(ct);
        var items = await q.OrderBy(d => d.CreatedAt).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var personIds = items.Select(d => d.CandidatePersonId).Concat(items.Select(d => d.PersonId).OfType<Guid>()).Distinct().ToList();
        var persons = await db.Set<Person>().AsNoTracking().Where(x => personIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var recordIds = items.Select(d => d.SourceRecordId).ToList();
        var records = await db.Set<SourceRecord>().AsNoTracking().Where(r => recordIds.Contains(r.Id))
            .Join(db.Set<SourceSystem>(), r => r.SourceSystemId, s => s.Id, (r, s) => new { r.Id, r.ExternalId, s.Code })
            .ToDictionaryAsync(r => r.Id, ct);
        PersonBrief? Brief(Guid? id) => id is { } i && persons.TryGetValue(i, out var x)
            ? new PersonBrief(x.Id, x.Name, x.BirthDate, Masking.Phone(x.Phone), Masking.IdNumber(x.IdNumber), x.CommunityCode)
            : null;
        var list = items.Select(d => new QueueItem(
            d.Id, d.Kind.ToString(), d.Reason, d.CreatedAt,
            records.TryGetValue(d.SourceRecordId, out var r) ? r.Code : "?", r?.ExternalId ?? "",
            Brief(d.PersonId), Brief(d.CandidatePersonId)!)).ToList();
        return TypedResults.Ok(new Page<QueueItem>(list, total, p.Number, p.Size));
    }

    internal static async Task<Results<Ok<Merged>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        Guid id, Decision body, DuplicateReview review, CancellationToken ct)
    {
        if (Reason(body) is { } invalid)
        {
            return invalid;
        }

        var (outcome, mergeId) = await review.MergeAsync(id, body.Reason!.Trim(), ct);
        return outcome switch
        {
            DuplicateReview.Outcome.Done => TypedResults.Ok(new Merged(mergeId ?? Guid.Empty)),
            _ => Problem(outcome),
        };
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DistinctAsync(
        Guid id, Decision body, DuplicateReview review, CancellationToken ct)
    {
        if (Reason(body) is { } invalid)
        {
            return invalid;
        }

        var outcome = await review.DistinctAsync(id, body.Reason!.Trim(), ct);
        return outcome == DuplicateReview.Outcome.Done ? TypedResults.NoContent() : Problem(outcome);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UndoAsync(
        Guid id, Decision body, DuplicateReview review, CancellationToken ct)
    {
        if (Reason(body) is { } invalid)
        {
            return invalid;
        }

        var outcome = await review.UndoMergeAsync(id, body.Reason!.Trim(), ct);
        return outcome == DuplicateReview.Outcome.Done ? TypedResults.NoContent() : Problem(outcome);
    }

    private static ValidationProblem? Reason(Decision body)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", body.Reason, 200, required: true);
        return errors.Any ? Problems.Invalid(errors.ToDictionary()) : null;
    }

    private static ProblemHttpResult Problem(DuplicateReview.Outcome outcome) => outcome switch
    {
        DuplicateReview.Outcome.AlreadyDecided => Problems.Conflict("已处理过", "Already decided"),
        DuplicateReview.Outcome.Invalid => Problems.Conflict("相关人员已被合并或不存在，无法处理", "A person involved was merged or is gone"),
        _ => Problems.NotFound("不存在或不在您的辖区内", "Not found in your jurisdiction"),
    };
}
