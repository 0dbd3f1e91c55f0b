using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Events;

/// <summary>Delivers outbox messages. On PostgreSQL a host claims a batch with <c>FOR UPDATE SKIP LOCKED</c> and a lease
/// that a crashed host lets run out; SQLite is single-host and its IMMEDIATE transaction serialises claims.</summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxDispatcher> log) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private readonly string _host = Clip($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 48);

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;

    public static TimeSpan IdleDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive a failed round (database restart, …) and try again
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogWarning(e, "Outbox round failed; retrying");
                handled = 0;
            }

            if (handled == 0)
            {
                try
                {
                    await Task.Delay(IdleDelay, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs("system:outbox");
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var batch = await ClaimAsync(db, ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToLookup(h => h.Topic);
        foreach (var m in batch)
        {
            try
            {
                foreach (var h in handlers[m.Topic])
                {
                    await using var handlerScope = scopes.CreateAsyncScope();
                    handlerScope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs("system:outbox");
                    await h.HandleAsync(m.Payload, handlerScope.ServiceProvider, ct);
                }

                await db.OutboxMessages.Where(x => x.Id == m.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.ProcessedAt, clock.GetUtcNow()).SetProperty(x => x.LockedBy, (string?)null), ct);
            }
#pragma warning disable CA1031 // one failing handler must not stop the others; the message is retried after its lease
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogWarning(e, "Outbox message {Id} ({Topic}) failed", m.Id, m.Topic);
                var error = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                await db.OutboxMessages.Where(x => x.Id == m.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.LastError, error), ct);
            }
        }

        return batch.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(YiwangDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + Lease;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        List<long> ids;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            ids = await db.Database.SqlQuery<long>($"""
                SELECT id AS "Value" FROM kernel.outbox_messages
                WHERE processed_at IS NULL AND (locked_until IS NULL OR locked_until < {now})
                ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
        }
        else
        {
            ids = await db.OutboxMessages.Where(m => m.ProcessedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(100).ToListAsync(ct);
        }

        if (ids.Count > 0)
        {
            await db.OutboxMessages.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedBy, _host).SetProperty(m => m.LockedUntil, until), ct);
        }

        await tx.CommitAsync(ct);
        return ids.Count == 0 ? [] : await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
    }
}
