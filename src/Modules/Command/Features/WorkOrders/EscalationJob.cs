using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Command.Domain;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;

namespace Yiwang.Command.Features.WorkOrders;

/// <summary>
/// 超期升级: every overdue open or in-progress order moves one level up (community → township → district; at the
/// district it stays and is only marked), gets a new due time and an "escalated" event. Each order is saved on its
/// own, conditional on the Version it was read with, so a second runner (or a worker completing it meanwhile)
/// makes that save fail instead of escalating twice. Idempotent: an escalated order is no longer overdue.
/// </summary>
internal sealed class EscalationJob(CommandOptions options) : IScheduledJob
{
    public const string JobName = "command.escalate-overdue";
    private const int Batch = 200;

    public string Name => JobName;

    public TimeSpan Interval => options.EscalationInterval;

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var actor = services.GetRequiredService<IAuditContext>().Actor;
        var now = clock.GetUtcNow();
        var skipped = new HashSet<Guid>();
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var ids = await db.Set<WorkOrder>().AsNoTracking()
                .Where(w => (w.Status == WorkOrderStatus.Open || w.Status == WorkOrderStatus.InProgress) && w.DueAt < now)
                .OrderBy(w => w.DueAt).Select(w => w.Id).Take(Batch + skipped.Count).ToListAsync(ct);
            ids.RemoveAll(skipped.Contains);
            if (ids.Count == 0)
            {
                return;
            }

            foreach (var id in ids.Take(Batch))
            {
                if (!await EscalateAsync(scope.ServiceProvider, id, now, actor, ct))
                {
                    skipped.Add(id);
                }
            }
        }
    }

    /// <summary>Escalates one order in its own unit of work; false when it changed under us (left for the next run).</summary>
    private async Task<bool> EscalateAsync(IServiceProvider services, Guid id, DateTimeOffset now, string actor, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Kernel.Access.CurrentUser>().ActAs(actor);
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var w = await db.Set<WorkOrder>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null || !WorkOrderRules.IsOverdue(w, now) || WorkOrderRules.Check(w.Status, WorkOrderAction.Escalate) is not null)
        {
            return false;
        }

        var from = w.UnitCode;
        var to = WorkOrderRules.EscalationTarget(from);
        w.UnitCode = to;
        w.EscalationLevel++;
        w.EscalatedAt = now;
        w.DueAt = now + options.EscalationGrace;
        w.Version++;
        var note = "due " + w.DueAt.ToString("O", CultureInfo.InvariantCulture);
        db.Add(new WorkOrderEvent
        {
            Id = Guid.CreateVersion7(now), WorkOrderId = w.Id, Kind = WorkOrderEvent.Escalated, At = now, Actor = actor,
            FromUnitCode = from, ToUnitCode = to, Note = note,
        });
        db.Audit(new AuditRecord("escalate", nameof(WorkOrder), w.Id.ToString(),
            $"{from} -> {to}; level {w.EscalationLevel}; {note}", CommandText.Of("Audit.Overdue").Bilingual()));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
