using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>The queue: <c>status=open</c> (default; urgent first, then oldest), <c>closed</c> (newest first) or <c>all</c>.</summary>
internal static class ListSupplyRequests
{
    public static async Task<Result<Page<SupplyRequestRow>>> HandleAsync(
        string? status, string? community, int? page, int? pageSize, FrontlineContext c, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var query = c.Db.Set<SupplyRequest>().AsNoTracking().InScope(c.User.Scope);
        if (!string.IsNullOrWhiteSpace(community))
        {
            if (!c.User.Scope.Contains(community) || community.Length != 12)
            {
                return Refusal.NotFound(FrontlineText.Of("Refusal_CommunityNotInScope"));
            }

            query = query.Where(r => r.CommunityCode == community);
        }

        IOrderedQueryable<SupplyRequest> ordered;
        switch (status ?? "open")
        {
            case "open":
                ordered = query.Where(r => r.IsOpen).OrderByDescending(r => r.Priority).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id);
                break;
            case "closed":
                ordered = query.Where(r => !r.IsOpen).OrderByDescending(r => r.ClosedAt).ThenBy(r => r.Id);
                break;
            case "all":
                ordered = query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id);
                break;
            default:
                return Refusal.BadRequest(FrontlineText.Of("Refusal_BadStatus"), "bad-status");
        }

        var total = await ordered.LongCountAsync(ct);
        var rows = await ordered.Skip(p.Skip).Take(p.Size).Include(r => r.Lines).AsSplitQuery().ToListAsync(ct);
        return new Page<SupplyRequestRow>(await SupplyRequestRows.RowsAsync(rows, c, ct), total, p.Number, p.Size);
    }
}
