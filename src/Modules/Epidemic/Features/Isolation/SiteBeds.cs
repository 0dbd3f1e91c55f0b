using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Kernel.Data;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>
/// A site's occupancy is changed only by these conditional UPDATEs, inside the caller's transaction: the database, not
/// a read-then-write, decides who gets the last bed.
/// </summary>
internal static class SiteBeds
{
    /// <summary>Takes the sites' row locks in id order (a no-op UPDATE), so two transfers in opposite directions cannot deadlock.</summary>
    public static async Task<int> LockAsync(YiwangDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var n = 0;
        foreach (var id in ids.Distinct().Order())
        {
            n += await db.Set<IsolationSite>().Where(s => s.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Occupied, s => s.Occupied), ct);
        }

        return n;
    }

    /// <summary>False when the site is full or inactive.</summary>
    public static async Task<bool> TakeAsync(YiwangDbContext db, Guid siteId, CancellationToken ct) =>
        await db.Set<IsolationSite>().Where(s => s.Id == siteId && s.Active && s.Occupied < s.Capacity)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Occupied, s => s.Occupied + 1), ct) == 1;

    public static async Task FreeAsync(YiwangDbContext db, Guid siteId, CancellationToken ct) =>
        await db.Set<IsolationSite>().Where(s => s.Id == siteId && s.Occupied > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Occupied, s => s.Occupied - 1), ct);
}
