using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Jobs;

/// <summary>Runs the registered <see cref="IScheduledJob"/>s: a host claims a due job with one conditional UPDATE, so the
/// database picks the single winner on either provider; a crashed host's lease runs out and another takes over.</summary>
public sealed class JobScheduler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobScheduler> log) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    // Schedule rows known to exist: checked once per process, not once per tick.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _ensured = new(StringComparer.Ordinal);
    private readonly string _host = Clip($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 48);

    public static TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive a failed round (database restart, …)
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogWarning(e, "Job scheduler round failed; retrying");
            }

            try
            {
                await Task.Delay(Tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken ct)
    {
        var ran = new List<string>();
        await using var scope = scopes.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetServices<IScheduledJob>().ToList();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var now = clock.GetUtcNow();
        foreach (var job in jobs.Where(j => !_ensured.ContainsKey(j.Name)))
        {
            await EnsureRowAsync(db, job.Name, now, ct);
            _ensured.TryAdd(job.Name, true);
        }

        // One read per tick for all jobs; only the due ones are claimed (the claim re-checks under its UPDATE).
        var due = await db.Set<ScheduledJobState>().AsNoTracking()
            .Where(s => s.NextRunAt <= now && (s.LeaseUntil == null || s.LeaseUntil < now)).Select(s => s.Name).ToListAsync(ct);
        foreach (var job in jobs.Where(j => due.Contains(j.Name)))
        {
            if (await TryRunAsync(job, force: false, ct))
            {
                ran.Add(job.Name);
            }
        }

        return ran;
    }

    /// <summary>Runs one job now if no other host holds it (tests, operators); false when another host does.</summary>
    public async Task<bool> RunNowAsync(string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<IScheduledJob>().SingleOrDefault(j => j.Name == name)
            ?? throw new InvalidOperationException($"No scheduled job named {name}");
        return await TryRunAsync(job, force: true, ct);
    }

    private async Task<bool> TryRunAsync(IScheduledJob job, bool force, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var claimScope = scopes.CreateAsyncScope())
        {
            var db = claimScope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            if (!_ensured.ContainsKey(job.Name))
            {
                await EnsureRowAsync(db, job.Name, now, ct);
                _ensured.TryAdd(job.Name, true);
            }

            var until = now + Lease;
            var claimed = await db.Set<ScheduledJobState>()
                .Where(s => s.Name == job.Name && (force || s.NextRunAt <= now) && (s.LeaseUntil == null || s.LeaseUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseOwner, _host).SetProperty(s => s.LeaseUntil, until), ct);
            if (claimed == 0)
            {
                return false;
            }
        }

        string? error = null;
        try
        {
            await using var runScope = scopes.CreateAsyncScope();
            runScope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs("system:job:" + job.Name);
            await job.RunAsync(runScope.ServiceProvider, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a failing job is recorded and retried at its next due time; the others still run
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogWarning(e, "Scheduled job {Job} failed", job.Name);
            error = Clip(e.Message, 500);
        }

        await using var doneScope = scopes.CreateAsyncScope();
        var done = doneScope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var end = clock.GetUtcNow();
        var next = end + job.Interval;
        await done.Set<ScheduledJobState>().Where(s => s.Name == job.Name && s.LeaseOwner == _host)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.NextRunAt, next)
                .SetProperty(s => s.LastRunAt, end)
                .SetProperty(s => s.LastError, error)
                .SetProperty(s => s.Runs, s => s.Runs + 1)
                .SetProperty(s => s.LeaseOwner, (string?)null)
                .SetProperty(s => s.LeaseUntil, (DateTimeOffset?)null), ct);
        return true;
    }

    private static async Task EnsureRowAsync(YiwangDbContext db, string name, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Set<ScheduledJobState>().AnyAsync(s => s.Name == name, ct))
        {
            return;
        }

        // Two hosts may race to create the row: the loser's insert fails on the key and it carries on.
        db.Add(new ScheduledJobState { Name = name, NextRunAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
