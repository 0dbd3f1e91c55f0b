using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>
/// Time steps: a colour whose step has ended (red 14 days over → yellow) is re-evaluated when its
/// <see cref="PersonColour.NextReviewAt"/> comes, in pages of 500, every minute.
/// </summary>
internal sealed class ColourReviewJob : IScheduledJob
{
    public const string JobName = "healthcodes.colour-review";
    public const int PageSize = 500;

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        for (var round = 0; round < 200; round++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var due = await db.Set<PersonColour>().AsNoTracking().Where(c => c.NextReviewAt != null && c.NextReviewAt <= now)
                .OrderBy(c => c.NextReviewAt).Select(c => c.PersonId).Take(PageSize).ToListAsync(ct);
            if (due.Count == 0)
            {
                return;
            }

            var engine = scope.ServiceProvider.GetRequiredService<ColourEngine>();
            foreach (var id in due)
            {
                await engine.ReevaluateAsync(db, id, "review", "system:" + JobName, ct);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>After a rule change, 500 at a time. A crash or a second host loses nothing: a row is done when its
/// <see cref="PersonColour.RuleSetVersion"/> is current.</summary>
internal sealed class ColourReevaluationJob : IScheduledJob
{
    public const string JobName = "healthcodes.colour-reevaluate";
    public const int PageSize = 500;

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromSeconds(10);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var started = clock.GetUtcNow();
        while (clock.GetUtcNow() - started < TimeSpan.FromSeconds(50))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var latest = await db.Set<ColourRuleSetRow>().OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
            if (latest is null || latest.ReevaluatedAt is not null)
            {
                return;
            }

            var version = latest.Version;
            var page = await db.Set<PersonColour>().AsNoTracking().Where(c => c.RuleSetVersion < version)
                .OrderBy(c => c.PersonId).Select(c => c.PersonId).Take(PageSize).ToListAsync(ct);
            var engine = scope.ServiceProvider.GetRequiredService<ColourEngine>();
            scope.ServiceProvider.GetRequiredService<ColourRules>().Invalidate();
            foreach (var id in page)
            {
                await engine.ReevaluateAsync(db, id, "rule-change", "system:" + JobName, ct);
            }

            latest.ReevaluationDone = Math.Min(latest.ReevaluationTotal, latest.ReevaluationDone + page.Count);
            if (page.Count < PageSize)
            {
                latest.ReevaluationDone = latest.ReevaluationTotal;
                latest.ReevaluatedAt = clock.GetUtcNow();
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
