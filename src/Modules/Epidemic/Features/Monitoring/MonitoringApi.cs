using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Epidemic.Features.Isolation;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Monitoring;

/// <summary>Daily health monitoring (健康监测).</summary>
internal static class MonitoringApi
{
    internal sealed record CheckRequest(
        Guid? CaseId, decimal? Temperature, bool Cough = false, bool Fever = false, bool Fatigue = false, bool SoreThroat = false,
        bool LossOfTasteOrSmell = false, string? Other = null, DateTimeOffset? At = null);

    internal sealed record CheckView(
        long Id, Guid CaseId, DateOnly Date, DateTimeOffset At, decimal Temperature, bool Abnormal, IReadOnlyList<string> Symptoms,
        string? Other, string Source, string RecordedBy);

    internal sealed record MonitoringRow(
        Guid CaseId, Guid PersonId, string Name, string IdNumberMasked, string PhoneMasked, string CommunityCode, string? CommunityName,
        string State, DateTimeOffset PhaseSince, int Day, CheckView? LastCheck, bool WorkOrderRaised);

    internal sealed record MonitoringDay(DateOnly Date, string Status, long Due, long Done, long Missed, Page<MonitoringRow> Rows);

    public static readonly string[] Statuses = ["due", "done", "missed"];

    public static RouteGroupBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/epidemic/monitoring").WithTags("Epidemic monitoring / 健康监测");
        g.MapGet("/today", async (EpidemicContext cx, string? status, string? community, int? page, int? pageSize, CancellationToken ct) =>
            (await TodayAsync(cx, status, community, page, pageSize, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapPost("/checks", async (CheckRequest request, EpidemicContext cx, CancellationToken ct) =>
            (await RecordAsync(request, cx, ct)).ToCreated(c => $"/api/epidemic/monitoring/cases/{c.CaseId}/checks"))
            .RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapGet("/cases/{caseId:guid}/checks", async (Guid caseId, YiwangDbContext db, CurrentUser user, int? page, int? pageSize, CancellationToken ct) =>
            (await HistoryAsync(caseId, db, user, page, pageSize, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicRead));
        return g;
    }

    /// <summary>Today's list (district date): monitored records in scope that are due, done, or missed yesterday.</summary>
    public static async Task<Result<MonitoringDay>> TodayAsync(
        EpidemicContext cx, string? status, string? community, int? page, int? pageSize, CancellationToken ct)
    {
        var (db, catalog, people, dir, clock) = (cx.Db, cx.Catalog, cx.People, cx.Directory, cx.Clock);
        status = string.IsNullOrEmpty(status) ? "due" : status;
        if (!Statuses.Contains(status))
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.BadStatus"), "bad-status");
        }

        var scope = cx.User.Scope;
        var q = db.Set<EpiCase>().AsNoTracking().InScope(scope).Where(await MonitoredCases.PredicateAsync(db, catalog, ct));
        if (!string.IsNullOrWhiteSpace(community))
        {
            if (!scope.Contains(community) || community.Length != 12)
            {
                return Refusal.NotFound(EpidemicText.Of("Problem.CommunityOutsideScope"));
            }

            q = q.Where(c => c.CommunityCode == community);
        }

        var today = DistrictTime.Today(clock);
        var yesterday = today.AddDays(-1);
        var yesterdayStart = MonitoredCases.StartUtc(yesterday);
        var checks = db.Set<HealthCheck>();
        var due = q.Where(c => !checks.Any(h => h.CaseId == c.Id && h.Date == today));
        var done = q.Where(c => checks.Any(h => h.CaseId == c.Id && h.Date == today));
        var missed = q.Where(c => c.PhaseSince < yesterdayStart && !checks.Any(h => h.CaseId == c.Id && h.Date == yesterday));
        var counts = (Due: await due.LongCountAsync(ct), Done: await done.LongCountAsync(ct), Missed: await missed.LongCountAsync(ct));
        var selected = status switch { "done" => done, "missed" => missed, _ => due };
        var total = status switch { "done" => counts.Done, "missed" => counts.Missed, _ => counts.Due };
        var p = PageRequest.Of(page, pageSize);
        var records = await selected.OrderBy(c => c.CommunityCode).ThenBy(c => c.Id).Skip(p.Skip).Take(p.Size)
            .Select(c => new { c.Id, c.PersonId, c.CommunityCode, c.State, c.PhaseSince }).ToListAsync(ct);
        var ids = records.Select(r => r.Id).ToArray();
        var todays = await checks.AsNoTracking().Where(h => ids.Contains(h.CaseId) && h.Date == today).ToListAsync(ct);
        var last = todays.GroupBy(h => h.CaseId).ToDictionary(g => g.Key, g => g.OrderByDescending(h => h.At).First());
        var raised = status == "missed"
            ? (await db.Set<MissedCheck>().AsNoTracking().Where(m => ids.Contains(m.CaseId) && m.Date == yesterday).Select(m => m.CaseId).ToListAsync(ct)).ToHashSet()
            : [];
        var persons = await people.FindManyAsync([.. records.Select(r => r.PersonId)], ct);
        var names = (await dir.CommunitiesInAsync(scope, ct)).ToDictionary(c => c.Code, c => c.Name);
        var rows = records.Select(r =>
        {
            var person = persons.GetValueOrDefault(r.PersonId);
            return new MonitoringRow(
                r.Id, r.PersonId, person?.Name ?? "?", person?.IdNumberMasked ?? "", person?.PhoneMasked ?? "", r.CommunityCode,
                names.GetValueOrDefault(r.CommunityCode), r.State, r.PhaseSince,
                today.DayNumber - MonitoredCases.DateOf(r.PhaseSince).DayNumber + 1,
                last.TryGetValue(r.Id, out var h) ? View(h) : null, raised.Contains(r.Id));
        }).ToList();
        return new MonitoringDay(today, status, counts.Due, counts.Done, counts.Missed, new Page<MonitoringRow>(rows, total, p.Number, p.Size));
    }

    /// <summary>Records a check for a monitored record in scope: 400 for a bad reading, 404 outside scope, 409 when not monitored.</summary>
    public static async Task<Result<CheckView>> RecordAsync(CheckRequest request, EpidemicContext cx, CancellationToken ct)
    {
        var (db, user) = (cx.Db, cx.User);
        var now = cx.Clock.GetUtcNow();
        var errors = new FieldErrors();
        var symptoms = new HealthCheckRules.Symptoms(request.Cough, request.Fever, request.Fatigue, request.SoreThroat, request.LossOfTasteOrSmell, request.Other);
        HealthCheckRules.Validate(request.Temperature, symptoms, request.At, now, errors);
        if (request.CaseId is null)
        {
            errors.Add("caseId", EpidemicText.Of("Field.RecordRequired"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var record = await db.Set<EpiCase>().AsNoTracking().InScope(user.Scope).FirstOrDefaultAsync(c => c.Id == request.CaseId, ct);
        if (record is null)
        {
            return RecordNotFound();
        }

        var monitored = await db.Set<EpiCase>().AsNoTracking().Where(c => c.Id == record.Id)
            .Where(await MonitoredCases.PredicateAsync(db, cx.Catalog, ct)).AnyAsync(ct);
        if (!monitored)
        {
            return Refusal.Conflict(EpidemicText.Of("Problem.NotMonitored", record.State), "not-monitored");
        }

        var at = (request.At ?? now).ToUniversalTime();
        var temperature = HealthCheckRules.Normalize(request.Temperature!.Value);
        var check = new HealthCheck
        {
            CaseId = record.Id,
            PersonId = record.PersonId,
            CommunityCode = record.CommunityCode,
            StreetCode = record.StreetCode,
            Date = MonitoredCases.DateOf(at),
            At = at,
            Temperature = temperature,
            Cough = request.Cough,
            Fever = request.Fever,
            Fatigue = request.Fatigue,
            SoreThroat = request.SoreThroat,
            LossOfTasteOrSmell = request.LossOfTasteOrSmell,
            OtherSymptoms = string.IsNullOrWhiteSpace(request.Other) ? null : request.Other.Trim(),
            Abnormal = HealthCheckRules.IsAbnormal(temperature),
            Source = "worker",
            RecordedBy = user.Actor,
            RecordedAt = now,
        };
        db.Add(check);
        await db.SaveChangesAsync(ct);
        return View(check);
    }

    public static async Task<Result<Page<CheckView>>> HistoryAsync(
        Guid caseId, YiwangDbContext db, CurrentUser user, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Set<EpiCase>().AsNoTracking().InScope(user.Scope).AnyAsync(c => c.Id == caseId, ct))
        {
            return RecordNotFound();
        }

        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<HealthCheck>().AsNoTracking().Where(h => h.CaseId == caseId);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(h => h.Date).ThenByDescending(h => h.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        return new Page<CheckView>([.. rows.Select(View)], total, p.Number, p.Size);
    }

    private static Refusal RecordNotFound() => Refusal.NotFound(EpidemicText.Of("Problem.RecordNotFound"));

    internal static CheckView View(HealthCheck h) => new(
        h.Id, h.CaseId, h.Date, h.At, h.Temperature, h.Abnormal,
        HealthCheckRules.Tokens(h.Cough, h.Fever, h.Fatigue, h.SoreThroat, h.LossOfTasteOrSmell), h.OtherSymptoms, h.Source, h.RecordedBy);
}
