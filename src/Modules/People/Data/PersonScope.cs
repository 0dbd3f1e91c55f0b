using Yiwang.Kernel.Access;
using Yiwang.People.Domain;

namespace Yiwang.People.Data;

/// <summary>Jurisdiction scope as a query filter: every read of persons goes through it.</summary>
internal static class PersonScope
{
    public static IQueryable<Person> InScope(this IQueryable<Person> q, AccessScope scope) =>
        q.InScope(scope, p => p.StreetCode, p => p.CommunityCode);
}
