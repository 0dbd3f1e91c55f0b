using Yiwang.Kernel.Access;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.People.Domain;

namespace Yiwang.People.Data;

/// <summary>Jurisdiction scope as a query filter: every read of persons goes through it.</summary>
internal static class PersonScope
{
    public static IQueryable<Person> InScope(this IQueryable<Person> q, AccessScope scope)
    {
        if (scope == AccessScope.None)
        {
            return q.Where(_ => false);
        }

        var code = scope.Code;
        return scope.Level switch
        {
            JurisdictionLevel.District => q,
            JurisdictionLevel.Street => q.Where(p => p.StreetCode == code),
            _ => q.Where(p => p.CommunityCode == code),
        };
    }
}
