using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>
/// Deletes sightings older than the retention period (14 days by default) in batches, one audit summary per batch,
/// and forgets expired nonces (bookkeeping).
/// </summary>
internal sealed class ExpireSightingsJob : IScheduledJob
{
    public const string JobName = "frontline.expire-sightings";
    private const int BatchSize = 500;

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var days = services.GetRequiredService<IOptions<ScreeningOptions>>().Value.SightingRetentionDays;
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-days);
        var actor = services.GetRequiredService<CurrentUser>().Actor;
        while (true)
        {
            // A fresh scope per batch: the change tracker never holds more than one batch.
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(actor);
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var batch = await db.Set<Sighting>().Where(s => s.SeenAt < cutoff).OrderBy(s => s.SeenAt).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            db.RemoveRange(batch);
            await db.SaveChangesAsync(new AuditRecord("expire", nameof(Sighting), null,
                $"{batch.Count} sightings seen before {cutoff:O} (retention {days} days)"), ct);
            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        var main = services.GetRequiredService<YiwangDbContext>();
        await main.Set<ScreeningNonce>().Where(n => n.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }
}
