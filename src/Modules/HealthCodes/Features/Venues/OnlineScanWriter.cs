using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>
/// Group commit: a request is answered only once its scan is durable, and thousands of requests a second cost a few
/// hundred statements. Each host runs its own writer: an id stored within an hour is skipped (ScanStore).
/// </summary>
internal sealed class OnlineScanWriter(IServiceScopeFactory scopes, IOptions<VenuesOptions> options, ILogger<OnlineScanWriter> log) : BackgroundService
{
    // Most scans in one statement: bounds a statement's size after a stall.
    private const int MaxGroup = 2000;

    /// <summary>A retried request's scan counts as the one stored if its id was stored at most this long before.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromHours(1);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Pending(Scan Scan, TaskCompletionSource Stored);

    /// <summary>Queues the scan and completes once it is committed (or faults if the write failed).</summary>
    public Task RecordAsync(Scan scan)
    {
        var pending = new Pending(scan, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The host is stopping; the scan was not recorded.");
        }

        return pending.Stored.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var group = new List<Pending>(MaxGroup);
        // On shutdown the writer stops taking requests but still writes what has queued.
        await using var stopping = stoppingToken.Register(() => _queue.Writer.TryComplete());
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var window = options.Value.OnlineCommitWindowMilliseconds;
            if (window > 0 && !stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(window), CancellationToken.None);
            }

            group.Clear();
            while (group.Count < MaxGroup && reader.TryRead(out var p))
            {
                group.Add(p);
            }

            await WriteAsync(group);
        }
    }

    private async Task WriteAsync(List<Pending> group)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            // Online scans carry the server's time, so a retry carries a later one: the same id within an hour counts as stored
            // (a retry follows a lost answer within seconds; an hour keeps the check to one or two day partitions). A retry can
            // even land in the same group as the first request.
            await ScanStore.InsertNewAsync(db, [.. group.Select(p => p.Scan).DistinctBy(x => x.Id)], CancellationToken.None, RetryWindow);
            foreach (var p in group)
            {
                p.Stored.TrySetResult();
            }
        }
        catch (Exception e)
        {
            // The requests answer with an error and the scanners retry (same id: nothing stored twice); the writer goes on.
            log.LogError(e, "Could not store {Count} online scans", group.Count);
            foreach (var p in group)
            {
                p.Stored.TrySetException(e);
            }
        }
    }
}
