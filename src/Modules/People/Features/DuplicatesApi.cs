using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Privacy;
using Yiwang.Kernel.UseCases;
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

    public static RouteGroupBuilder MapDuplicatesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/people").WithTags("People / 人口").RequireAuthorization(nameof(Permission.DuplicatesReview));
        g.MapGet("/duplicates", async (YiwangDbContext db, DuplicateReview review, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await ListAsync(db, review, page, pageSize, ct)));
        g.MapPost("/duplicates/{id:guid}/merge", async (Guid id, Decision body, DuplicateReview review, CancellationToken ct) =>
            (await review.MergeAsync(id, body.Reason, ct)).ToOk());
        g.MapPost("/duplicates/{id:guid}/distinct", async (Guid id, Decision body, DuplicateReview review, CancellationToken ct) =>
            (await review.DistinctAsync(id, body.Reason, ct)).ToNoContent());
        g.MapPost("/merges/{id:guid}/undo", async (Guid id, Decision body, DuplicateReview review, CancellationToken ct) =>
            (await review.UndoMergeAsync(id, body.Reason, ct)).ToNoContent());
        return g;
    }

    internal static async Task<Page<QueueItem>> ListAsync(YiwangDbContext db, DuplicateReview review, int? page, int? pageSize, CancellationToken ct)
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
        return new Page<QueueItem>(list, total, p.Number, p.Size);
    }
}
