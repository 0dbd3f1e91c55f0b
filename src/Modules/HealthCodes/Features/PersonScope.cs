using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.HealthCodes.Features;

/// <summary>Whether a user's jurisdiction covers a person (by the person's community; persons without one: the district only).</summary>
internal static class PersonScope
{
    public static bool Sees(AccessScope scope, string? communityCode) =>
        scope.Level == JurisdictionLevel.District ? scope != AccessScope.None : scope.Contains(communityCode);

    public static bool Sees(AccessScope scope, PersonSummary? person) => person is not null && Sees(scope, person.CommunityCode);
}
