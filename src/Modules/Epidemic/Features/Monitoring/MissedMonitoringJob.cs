using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Kernel.Audit;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Features.Monitoring;

/// <summary>
/// 漏报: records monitored the whole previous district day with no check get a work order. A record and day is raised
/// once (MissedCheck unique on record + day, dedup key "{caseId}:{date}"), so a rerun or a crash mid-run adds nothing.
/// </summary>
internal sealed class MissedMonitoringJob(IOptions<MonitoringOptions> options) : IScheduledJob
{
    public const string JobName = "epidemic.missed-monitoring";

    public string Name => JobName;

    public TimeSpan Interval => options.Value.MissedCheckInterval;

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<YiwangDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var day = DistrictTime.Today(clock).AddDays(-1);
        await RaiseAsync(
            db, services.GetRequiredService<DiseaseCatalog>(), services.GetRequiredService<IWorkOrderDispatcher>(),
            services.GetRequiredService<IPersonDirectory>(), clock, day, options.Value, ct);
    }

    public static async Task<int> RaiseAsync(
        YiwangDbContext db, DiseaseCatalog catalog, IWorkOrderDispatcher dispatcher, IPersonDirectory people, TimeProvider clock,
        DateOnly day, MonitoringOptions options, CancellationToken ct)
    {
        var monitored = await MonitoredCases.PredicateAsync(db, catalog, ct);
        var dayStart = MonitoredCases.StartUtc(day);
        var checks = db.Set<HealthCheck>();
        var missed = db.Set<MissedCheck>();
        var batch = Math.Clamp(options.BatchSize, 1, 5000);
        var total = 0;
        while (true)
        {
            // Each batch's MissedCheck rows take it out of the candidates: the loop pages through by shrinking.
            var candidates = await db.Set<EpiCase>().AsNoTracking().Where(monitored)
                .Where(c => c.PhaseSince < dayStart
                    && !checks.Any(h => h.CaseId == c.Id && h.Date == day)
                    && !missed.Any(m => m.CaseId == c.Id && m.Date == day))
                .OrderBy(c => c.Id).Take(batch)
                .Select(c => new { c.Id, c.PersonId, c.CommunityCode, c.StreetCode, c.ResponsibleUnit, c.State })
                .ToListAsync(ct);
            if (candidates.Count == 0)
            {
                return total;
            }

            var names = await people.FindManyAsync([.. candidates.Select(c => c.PersonId)], ct);
            var now = clock.GetUtcNow();
            var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var c in candidates)
            {
                // Names only: work-order titles never carry identity numbers.
                var name = names.TryGetValue(c.PersonId, out var p) ? p.Name : "";
                // The dispatcher's contract takes the title in both languages; rendered here from this module's words.
                var title = EpidemicText.Of("WorkOrder.MissedCheck", name, date);
                var order = await dispatcher.DispatchAsync(db, new WorkOrderRequest(
                    "epidemic", "monitoring-missed", $"{c.Id}:{date}", c.ResponsibleUnit,
                    title.Render(Text.Chinese), title.Render(Text.English),
                    now + options.WorkOrderDue, "case", c.Id.ToString(), $"state {c.State}"), ct);
                db.Add(new MissedCheck
                {
                    CaseId = c.Id, Date = day, CommunityCode = c.CommunityCode, StreetCode = c.StreetCode,
                    ResponsibleUnit = c.ResponsibleUnit, WorkOrderId = order, DetectedAt = now,
                });
            }

            await db.SaveChangesAsync(new AuditRecord("detect", nameof(MissedCheck), date, $"{candidates.Count} missed checks, work orders dispatched"), ct);
            db.ChangeTracker.Clear();
            total += candidates.Count;
        }
    }
}
