using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Kernel.Access;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>
/// Jurisdiction scope for isolation and monitoring (records themselves: <see cref="CaseHandlers.InScope"/>). Assignments
/// and checks go by the person's community, as records do; a site is visible to its own unit's subtree and to the units
/// above it, so a township sees its own sites and the district's.
/// </summary>
internal static class IsolationScope
{
    public static IQueryable<IsolationAssignment> InScope(this IQueryable<IsolationAssignment> q, AccessScope scope) =>
        q.InScope(scope, a => a.StreetCode, a => a.CommunityCode);

    public static IQueryable<HealthCheck> InScope(this IQueryable<HealthCheck> q, AccessScope scope) =>
        q.InScope(scope, h => h.StreetCode, h => h.CommunityCode);

    /// <summary>Sites run by a unit inside the scope or by a unit above it.</summary>
    public static IQueryable<IsolationSite> Visible(this IQueryable<IsolationSite> q, AccessScope scope)
    {
        if (scope == AccessScope.None)
        {
            return q.Where(_ => false);
        }

        var code = scope.Code;
        var above = Ancestors(code);
        return q.Where(s => s.UnitCode.StartsWith(code) || above.Contains(s.UnitCode));
    }

    public static bool Sees(AccessScope scope, IsolationSite site) =>
        scope != AccessScope.None && (scope.Contains(site.UnitCode) || Ancestors(scope.Code).Contains(site.UnitCode));

    /// <summary>Codes of the units above (district for a township; district and township for a community).</summary>
    private static string[] Ancestors(string code) => code.Length switch
    {
        9 => [code[..6]],
        12 => [code[..6], code[..9]],
        _ => [],
    };
}
