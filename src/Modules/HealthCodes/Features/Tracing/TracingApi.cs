using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Privacy;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Tracing;

/// <summary>Contacts living outside the officer's scope are listed too (exposure crosses boundaries), but with the name
/// masked and no phone.</summary>
internal static class TracingApi
{
    internal sealed record TraceBody(Guid? PersonId, int? WindowMinutes, int? Days);

    internal sealed record ConfirmBody(IReadOnlyList<Guid>? PersonIds, bool? All, string? Reason);

    internal sealed record TracingRow(
        Guid Id, Guid IndexPersonId, string IndexName, string IndexIdNumberMasked, string IndexCommunityCode, string Trigger, Guid? CaseId,
        DateTimeOffset CreatedAt, string CreatedBy, int WindowMinutes, int Days, bool HasCode, int Visits, int Venues, int Contacts,
        int Encounters, int ConfirmedContacts);

    internal sealed record EncounterView(Guid VenueId, string VenueCode, string VenueName, DateTimeOffset IndexScannedAt, DateTimeOffset ContactScannedAt, int GapMinutes, int OverlapMinutes);

    internal sealed record ContactView(
        Guid PersonId, string Name, string IdNumberMasked, string PhoneMasked, string CommunityCode, string? CommunityName, bool InScope,
        string Colour, int Encounters, int Venues, DateTimeOffset FirstAt, int MaxOverlapMinutes, DateTimeOffset? ConfirmedAt, string? ConfirmedBy,
        IReadOnlyList<EncounterView> Details);

    internal sealed record TracingDetail(
        TracingRow Tracing, DateTimeOffset From, DateTimeOffset To, int UnlinkedSubjects, int SearchMilliseconds, int OutsideScope,
        Page<ContactView> Contacts);

    internal sealed record ConfirmAnswer(Guid TracingId, IReadOnlyList<Guid> Confirmed, int AlreadyConfirmed, int ConfirmedContacts);

    public static IEndpointRouteBuilder MapTracingApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/health-codes/tracings").WithTags("Health codes / 健康码")
            .RequireAuthorization(nameof(Permission.ExposureTrace));
        g.MapPost("/", async (TraceBody? body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, ExposureTracer tracer,
                CancellationToken ct) =>
            (await TraceAsync(body, db, user, people, dir, tracer, ct)).ToCreated(d => $"/api/health-codes/tracings/{d.Tracing.Id}"));
        g.MapGet("/", async (YiwangDbContext db, CurrentUser user, IPersonDirectory people, int? page, int? pageSize, CancellationToken ct) =>
            (await ListAsync(db, user, people, page, pageSize, ct)).ToOk());
        g.MapGet("/{id:guid}", async (Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, int? page, int? pageSize,
                CancellationToken ct) =>
            (await GetAsync(id, db, user, people, dir, page, pageSize, ct)).ToOk());
        g.MapPost("/{id:guid}/confirm", async (Guid id, ConfirmBody? body, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            (await ConfirmAsync(id, body, db, user, clock, ct)).ToOk());
        return app;
    }

    internal static async Task<Result<TracingDetail>> TraceAsync(
        TraceBody? body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, ExposureTracer tracer,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (body?.PersonId is null)
        {
            errors.Add("personId", Words("Error_PersonRequired"));
        }

        if (body?.WindowMinutes is { } w && (w < 1 || w > TracingOptions.MaxWindowMinutes))
        {
            errors.Add("windowMinutes", Words("Error_Window", TracingOptions.MaxWindowMinutes));
        }

        var retention = tracer.Options.Retention;
        if (body?.Days is { } d && (d < 1 || d > retention))
        {
            errors.Add("days", Words("Error_Days", retention));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var person = await people.FindAsync(body!.PersonId!.Value, ct);
        if (person is null || !ScopeFilter.Sees(user.Scope, person.CommunityCode))
        {
            return Refusal.NotFound(Words("Refusal_PersonNotFound"));
        }

        var tracing = await tracer.RunAsync(new ExposureTracer.Request(person.Id, body.WindowMinutes, body.Days, null, "manual"), ct);
        var detail = await DetailAsync(tracing, db, user, people, dir, 1, null, ct);
        return detail;
    }

    internal static async Task<Result<Page<TracingRow>>> ListAsync(
        YiwangDbContext db, CurrentUser user, IPersonDirectory people, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<ExposureTracing>().AsNoTracking().InScope(user.Scope, t => t.IndexStreetCode, t => t.IndexCommunityCode);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        return new Page<TracingRow>(await RowsAsync(rows, people, ct), total, p.Number, p.Size);
    }

    private static async Task<IReadOnlyList<TracingRow>> RowsAsync(IReadOnlyList<ExposureTracing> rows, IPersonDirectory people, CancellationToken ct)
    {
        var persons = await people.FindManyAsync([.. rows.Select(r => r.IndexPersonId).Distinct()], ct);
        return [.. rows.Select(t =>
        {
            var person = persons.GetValueOrDefault(t.IndexPersonId);
            return new TracingRow(
                t.Id, t.IndexPersonId, person?.Name ?? "?", person?.IdNumberMasked ?? "", t.IndexCommunityCode, t.Trigger, t.CaseId, t.CreatedAt,
                t.CreatedBy, t.WindowMinutes, t.Days, t.HasCode, t.Visits, t.Venues, t.Contacts, t.Encounters, t.ConfirmedContacts);
        })];
    }

    internal static async Task<Result<TracingDetail>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, int? page, int? pageSize, CancellationToken ct)
    {
        var tracing = await db.Set<ExposureTracing>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tracing is null || !ScopeFilter.Sees(user.Scope, tracing.IndexCommunityCode))
        {
            return Refusal.NotFound(Words("Refusal_TracingNotFound"));
        }

        return await DetailAsync(tracing, db, user, people, dir, page, pageSize, ct);
    }

    /// <summary>The tracing with one page of its contacts, closest first (longest overlap, then earliest).</summary>
    private static async Task<TracingDetail> DetailAsync(
        ExposureTracing t, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize ?? 100);
        var contacts = await db.Set<TracingContact>().AsNoTracking().Where(c => c.TracingId == t.Id)
            .OrderByDescending(c => c.MaxOverlapSeconds).ThenBy(c => c.FirstAt).ThenBy(c => c.PersonId)
            .Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var ids = contacts.Select(c => c.PersonId).ToList();
        var encounters = ids.Count == 0
            ? []
            : await db.Set<TracingEncounter>().AsNoTracking().Where(e => e.TracingId == t.Id && ids.Contains(e.PersonId))
                .OrderBy(e => e.ContactScannedAt).ToListAsync(ct);
        var venueIds = encounters.Select(e => e.VenueId).Distinct().ToList();
        var venues = venueIds.Count == 0
            ? []
            : await db.Set<Venue>().AsNoTracking().Where(v => venueIds.Contains(v.Id))
                .Select(v => new { v.Id, v.Code, v.Name }).ToDictionaryAsync(v => v.Id, ct);
        var persons = await people.FindManyAsync(ids, ct);
        var colours = await ColourBook.ColoursAsync(db, ids, ct);
        var byPerson = encounters.ToLookup(e => e.PersonId);
        var views = new List<ContactView>(contacts.Count);
        foreach (var c in contacts)
        {
            var person = persons.GetValueOrDefault(c.PersonId);
            var community = person?.CommunityCode ?? "";
            var inScope = ScopeFilter.Sees(user.Scope, community);
            var unit = community.Length > 0 ? await dir.FindAsync(community, ct) : null;
            var details = byPerson[c.PersonId].Select(e =>
            {
                var v = venues.GetValueOrDefault(e.VenueId);
                return new EncounterView(e.VenueId, v?.Code ?? "", v?.Name ?? "?", e.IndexScannedAt, e.ContactScannedAt,
                    (int)Math.Round((e.ContactScannedAt - e.IndexScannedAt).Duration().TotalMinutes), (int)Math.Round(e.OverlapSeconds / 60.0));
            }).ToList();
            views.Add(new ContactView(
                c.PersonId,
                // Outside the officer's scope: enough to tell people apart and to know whose community must act, no more.
                inScope ? person?.Name ?? "?" : Masking.Name(person?.Name),
                person?.IdNumberMasked ?? "",
                inScope ? person?.PhoneMasked ?? "" : "",
                community, unit?.Name, inScope, HealthCodeFormat.ColourName(colours.GetValueOrDefault(c.PersonId)),
                c.Encounters, c.Venues, c.FirstAt, (int)Math.Round(c.MaxOverlapSeconds / 60.0), c.ConfirmedAt, c.ConfirmedBy, details));
        }

        var outside = await OutsideScopeAsync(db, t.Id, user.Scope, people, ct);
        var row = (await RowsAsync([t], people, ct))[0];
        return new TracingDetail(row, t.From, t.To, t.UnlinkedSubjects, t.SearchMilliseconds, outside, new Page<ContactView>(views, t.Contacts, p.Number, p.Size));
    }

    private static async Task<int> OutsideScopeAsync(YiwangDbContext db, Guid tracingId, AccessScope scope, IPersonDirectory people, CancellationToken ct)
    {
        if (scope.Level == JurisdictionLevel.District && scope != AccessScope.None)
        {
            return 0;
        }

        var all = await db.Set<TracingContact>().AsNoTracking().Where(c => c.TracingId == tracingId).Select(c => c.PersonId).ToListAsync(ct);
        var persons = await people.FindManyAsync(all, ct);
        return all.Count(id => !ScopeFilter.Sees(scope, persons.GetValueOrDefault(id)?.CommunityCode));
    }

    /// <summary>Audits once and publishes <see cref="ContactsConfirmed"/>, on which Epidemic opens close-contact records.
    /// Contacts confirmed before are left as they are, so a repeated confirmation changes nothing.</summary>
    internal static async Task<Result<ConfirmAnswer>> ConfirmAsync(
        Guid id, ConfirmBody? body, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", body?.Reason, 500, required: true);
        var chosen = body?.PersonIds?.Distinct().ToList() ?? [];
        var all = body?.All == true;
        if (!all && chosen.Count == 0)
        {
            errors.Add("personIds", Words("Error_ChooseContacts"));
        }

        if (chosen.Count > 10_000)
        {
            errors.Add("personIds", Words("Error_TooManyContacts"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var tracing = await db.Set<ExposureTracing>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tracing is null || !ScopeFilter.Sees(user.Scope, tracing.IndexCommunityCode))
        {
            return Refusal.NotFound(Words("Refusal_TracingNotFound"));
        }

        var contacts = all
            ? await db.Set<TracingContact>().Where(c => c.TracingId == id).ToListAsync(ct)
            : await db.Set<TracingContact>().Where(c => c.TracingId == id && chosen.Contains(c.PersonId)).ToListAsync(ct);
        if (!all && contacts.Count != chosen.Count)
        {
            errors.Add("personIds", Words("Error_NotInTracing"));
            return errors.ToRefusal();
        }

        var fresh = contacts.Where(c => c.ConfirmedAt is null).ToList();
        if (fresh.Count == 0)
        {
            return new ConfirmAnswer(id, [], contacts.Count, tracing.ConfirmedContacts);
        }

        var now = clock.GetUtcNow();
        var reason = body!.Reason!.Trim();
        foreach (var c in fresh)
        {
            c.ConfirmedAt = now;
            c.ConfirmedBy = user.Actor;
            c.ConfirmReason = reason;
        }

        tracing.ConfirmedContacts += fresh.Count;
        tracing.Version++;
        var ids = fresh.Select(c => c.PersonId).ToList();
        db.Publish(ContactsConfirmed.Topic, new ContactsConfirmed(id, tracing.IndexPersonId, ids, user.Actor, now), now);
        try
        {
            await db.SaveChangesAsync(new AuditRecord("confirm-contacts", nameof(ExposureTracing), id.ToString(),
                $"{ids.Count} close contacts of index {tracing.IndexPersonId}: {string.Join(',', ids)}", reason), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict(Words("Refusal_TracingStale"));
        }

        return new ConfirmAnswer(id, ids, contacts.Count - fresh.Count, tracing.ConfirmedContacts);
    }

    private static Text Words(string key, params object?[] args) => new(typeof(TracingText), key, args);
}
