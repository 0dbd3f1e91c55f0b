using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>An answer is words only: it never changes a colour (the rules or an approved override do, on the person's
/// colour page).</summary>
internal static class Appeals
{
    internal sealed record FileRequest(string? Text);

    internal sealed record AnswerRequest(string? Answer, uint? Version);

    internal sealed record AppealView(
        Guid Id, Guid PersonId, DateTimeOffset FiledAt, string Colour, IReadOnlyList<MyCode.ReasonView> Reasons, string Text,
        string Status, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt, uint Version);

    internal sealed record QueueRow(AppealView Appeal, string PersonName, string IdNumberMasked, string CommunityCode, string? CommunityName);

    /// <summary>Files an appeal against the colour the citizen has now (one open appeal at a time).</summary>
    internal static async Task<Result<AppealView>> FileAsync(
        FileRequest? body, YiwangDbContext db, CitizenLinks links, IPersonDirectory people, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
    {
        if (await links.PersonOfAsync(db, user.Name, ct) is not { } person)
        {
            return CitizenLinks.NotBound();
        }

        var errors = new FieldErrors();
        var text = body?.Text?.Trim();
        errors.PlainText("text", text, Appeal.MaxTextLength, required: true);
        if (text is { Length: > 0 and < Appeal.MinTextLength })
        {
            errors.Add("text", Words("Error_AppealTooShort", Appeal.MinTextLength));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (await db.Set<Appeal>().AnyAsync(a => a.PersonId == person && a.Status == AppealStatus.Open, ct))
        {
            return Refusal.Conflict(Words("Refusal_AppealOpen"), "appeal-open");
        }

        var state = await ColourBook.CurrentAsync(db, person, ct);
        var summary = await people.FindAsync(person, ct);
        var now = clock.GetUtcNow();
        var appeal = new Appeal
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person,
            FiledBy = user.Name,
            FiledAt = now,
            Colour = state.Colour,
            ReasonsJson = ColourBook.ReasonsJson(state.Reasons),
            Text = text!,
            Status = AppealStatus.Open,
            CommunityCode = summary?.CommunityCode ?? "",
            StreetCode = summary?.StreetCode ?? "",
        };
        db.Set<Appeal>().Add(appeal);
        await db.SaveChangesAsync(ct);
        return View(appeal);
    }

    /// <summary>The citizen's own appeals with their answers, newest first.</summary>
    internal static async Task<Result<IReadOnlyList<AppealView>>> MineAsync(
        YiwangDbContext db, CitizenLinks links, CurrentUser user, CancellationToken ct)
    {
        if (await links.PersonOfAsync(db, user.Name, ct) is not { } person)
        {
            return CitizenLinks.NotBound();
        }

        var rows = await db.Set<Appeal>().AsNoTracking().Where(a => a.PersonId == person)
            .OrderByDescending(a => a.FiledAt).Take(50).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    /// <summary>The officers' queue in their scope: open appeals oldest first (or answered ones, newest answer first).</summary>
    internal static async Task<Result<Page<QueueRow>>> QueueAsync(
        string? status, int? page, int? pageSize, YiwangDbContext db, CurrentUser user, IPersonDirectory people,
        JurisdictionDirectory dir, CancellationToken ct)
    {
        var request = PageRequest.Of(page, pageSize);
        var answered = string.Equals(status, "answered", StringComparison.OrdinalIgnoreCase);
        var q = db.Set<Appeal>().AsNoTracking().InScope(user.Scope, a => a.StreetCode, a => a.CommunityCode);
        q = answered
            ? q.Where(a => a.Status == AppealStatus.Answered).OrderByDescending(a => a.AnsweredAt).ThenBy(a => a.Id)
            : q.Where(a => a.Status == AppealStatus.Open).OrderBy(a => a.FiledAt).ThenBy(a => a.Id);
        var total = await q.LongCountAsync(ct);
        var rows = await q.Skip(request.Skip).Take(request.Size).ToListAsync(ct);
        var persons = await people.FindManyAsync([.. rows.Select(a => a.PersonId)], ct);
        var items = new List<QueueRow>(rows.Count);
        foreach (var a in rows)
        {
            var p = persons.GetValueOrDefault(a.PersonId);
            var community = p?.CommunityCode is { Length: > 0 } c ? c : a.CommunityCode;
            items.Add(new QueueRow(View(a), p?.Name ?? "", p?.IdNumberMasked ?? "", community, (await dir.FindAsync(community, ct))?.Name));
        }

        return new Page<QueueRow>(items, total, request.Number, request.Size);
    }

    internal static async Task<Result<QueueRow>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, CancellationToken ct)
    {
        var appeal = await db.Set<Appeal>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        var person = appeal is null ? null : await people.FindAsync(appeal.PersonId, ct);
        var community = person?.CommunityCode is { Length: > 0 } c ? c : appeal?.CommunityCode;
        if (appeal is null || !user.Scope.Contains(community))
        {
            return NotFound();
        }

        return new QueueRow(View(appeal), person?.Name ?? "", person?.IdNumberMasked ?? "", community!, (await dir.FindAsync(community!, ct))?.Name);
    }

    /// <summary>Answers an open appeal of a person in the officer's scope. The colour is not touched.</summary>
    internal static async Task<Result<AppealView>> AnswerAsync(
        Guid id, AnswerRequest? body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, TimeProvider clock,
        CancellationToken ct)
    {
        var appeal = await db.Set<Appeal>().FirstOrDefaultAsync(a => a.Id == id, ct);
        // The person's community now decides who may answer; outside the scope the appeal does not exist.
        var community = appeal is null ? null : (await people.FindAsync(appeal.PersonId, ct))?.CommunityCode is { Length: > 0 } c ? c : appeal.CommunityCode;
        if (appeal is null || !user.Scope.Contains(community))
        {
            return NotFound();
        }

        var errors = new FieldErrors();
        var answer = body?.Answer?.Trim();
        errors.PlainText("answer", answer, Appeal.MaxAnswerLength, required: true);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (appeal.Status != AppealStatus.Open)
        {
            return Refusal.Conflict(Words("Refusal_AlreadyAnswered"), "already-answered");
        }

        if (body!.Version is { } v && v != appeal.Version)
        {
            return Refusal.Conflict(Words("Refusal_AppealStale"), "stale");
        }

        appeal.Status = AppealStatus.Answered;
        appeal.Answer = answer;
        appeal.AnsweredBy = user.Actor;
        appeal.AnsweredAt = clock.GetUtcNow();
        appeal.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict(Words("Refusal_AlreadyAnswered"), "already-answered");
        }

        return View(appeal);
    }

    private static Refusal NotFound() => Refusal.NotFound(Words("Refusal_AppealNotFound"));

    private static Text Words(string key, params object?[] args) => new(typeof(CitizenText), key, args);

    private static AppealView View(Appeal a) =>
        new(a.Id, a.PersonId, a.FiledAt, HealthCodeFormat.ColourName(a.Colour), [.. ColourBook.Reasons(a.ReasonsJson).Select(MyCode.Reason)],
            a.Text, a.Status == AppealStatus.Open ? "open" : "answered", a.Answer, a.AnsweredBy, a.AnsweredAt, a.Version);
}
