using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>Jurisdiction scope as a query filter on supply requests (equality on the stored codes: index-friendly).</summary>
internal static class SupplyScope
{
    public static IQueryable<SupplyRequest> InScope(this IQueryable<SupplyRequest> q, AccessScope scope)
    {
        if (scope == AccessScope.None)
        {
            return q.Where(_ => false);
        }

        var code = scope.Code;
        return scope.Level switch
        {
            JurisdictionLevel.District => q,
            JurisdictionLevel.Street => q.Where(r => r.StreetCode == code),
            _ => q.Where(r => r.CommunityCode == code),
        };
    }
}
