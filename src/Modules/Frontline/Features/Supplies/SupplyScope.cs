using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.Access;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>Jurisdiction scope as a query filter on supply requests (equality on the stored codes: index-friendly).</summary>
internal static class SupplyScope
{
    public static IQueryable<SupplyRequest> InScope(this IQueryable<SupplyRequest> q, AccessScope scope) =>
        q.InScope(scope, r => r.StreetCode, r => r.CommunityCode);
}
