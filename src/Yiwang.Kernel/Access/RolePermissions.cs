using System.Collections.Frozen;

namespace Yiwang.Kernel.Access;

/// <summary>The one table of which role holds which permission.</summary>
public static class RolePermissions
{
    private static readonly FrozenDictionary<AccountRole, FrozenSet<Permission>> Table = new Dictionary<AccountRole, FrozenSet<Permission>>
    {
        [AccountRole.DistrictCommander] = Set(Permission.JurisdictionsRead, Permission.PeopleRead, Permission.PeopleWrite, Permission.PeopleUnmask),
        [AccountRole.TownshipOfficer] = Set(Permission.JurisdictionsRead, Permission.PeopleRead, Permission.PeopleWrite, Permission.PeopleUnmask),
        [AccountRole.CommunityWorker] = Set(Permission.JurisdictionsRead, Permission.PeopleRead, Permission.PeopleWrite, Permission.PeopleUnmask),
        [AccountRole.HealthOfficer] = Set(Permission.JurisdictionsRead, Permission.PeopleRead, Permission.PeopleUnmask),
        [AccountRole.VenueOperator] = Set(Permission.JurisdictionsRead),
        [AccountRole.ServiceClerk] = Set(Permission.JurisdictionsRead, Permission.PeopleRead),
        [AccountRole.EnterpriseOfficer] = Set(Permission.JurisdictionsRead),
        [AccountRole.CityOpsOperator] = Set(Permission.JurisdictionsRead),
        [AccountRole.Auditor] = Set(Permission.JurisdictionsRead, Permission.AuditRead),
        [AccountRole.Citizen] = Set(),
        [AccountRole.SourceSystem] = Set(Permission.JurisdictionsRead, Permission.PeopleWrite),
    }.ToFrozenDictionary();

    public static bool Has(AccountRole role, Permission permission) =>
        Table.TryGetValue(role, out var set) && set.Contains(permission);

    public static IReadOnlySet<Permission> Of(AccountRole role) => Table.TryGetValue(role, out var set) ? set : FrozenSet<Permission>.Empty;

    private static FrozenSet<Permission> Set(params Permission[] permissions) => permissions.ToFrozenSet();
}
