using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Postgres;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Time;

namespace Yiwang.HealthCodes.Features.Tracing;

/// <summary>
/// On PostgreSQL first ensures day partitions from yesterday to the day after tomorrow and drops wholly expired ones
/// (ADR 0014); then deletes remaining expired scans in bounded chunks, each its own short transaction, stopping after a
/// budget well inside the scheduler's lease. An overlapping second run would only find fewer rows (partition changes
/// take an advisory lock).
/// </summary>
internal sealed class ScanRetentionJob : IScheduledJob
{
    public const string JobName = "healthcodes.expire-scans";
    public const int ChunkSize = 10_000;

    /// <summary>A run stops starting new chunks after this long (the lease is five minutes).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromMinutes(10);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var days = services.GetRequiredService<IOptions<TracingOptions>>().Value.Retention;
        var clock = services.GetRequiredService<TimeProvider>();
        var cutoff = clock.GetUtcNow().AddDays(-days);
        var db = services.GetRequiredService<YiwangDbContext>();
        var started = Stopwatch.GetTimestamp();
        var today = DistrictTime.Today(clock);
        var created = await ScanPartitions.EnsureAsync(db, today.AddDays(-1), today.AddDays(2), ct);
        var dropped = await ScanPartitions.DropEndingBeforeAsync(db, cutoff, ct);
        var deleted = dropped.Scans;
        var chunks = 0;
        while (Stopwatch.GetElapsedTime(started) < Budget)
        {
            var n = await db.Set<Scan>().Where(s => s.ScannedAt < cutoff).Take(ChunkSize).ExecuteDeleteAsync(ct);
            deleted += n;
            chunks++;
            if (n < ChunkSize)
            {
                break;
            }
        }

        var rest = deleted > 0 && chunks > 0 && Stopwatch.GetElapsedTime(started) >= Budget ? "; more remain for the next run" : "";
        var partitions = db.Provider == DatabaseProvider.Postgres
            ? $"; day partitions: {dropped.Partitions} dropped ({dropped.Scans} scans), {created} created"
            : "";
        db.Audit(new AuditRecord("expire", nameof(Scan), null,
            $"{deleted} scans made before {cutoff:O} (retention {days} days) in {chunks} chunks{rest}{partitions}"));
        await db.SaveChangesAsync(ct);
    }
}
