using System.Collections.Frozen;

namespace Yiwang.Kernel.Access;

public static class RolePermissions
{
    private static readonly FrozenDictionary<AccountRole, FrozenSet<Permission>> Table = new Dictionary<AccountRole, FrozenSet<Permission>>
    {
        [AccountRole.DistrictCommander] = Set([.. Staff, .. Command], Permission.PeopleUnmask, Permission.WorkOrdersDispatch,
            Permission.DirectivesIssue, Permission.EpidemicConfigure, Permission.HealthCodesOverride, Permission.VenuesManage,
            Permission.ExposureTrace),
        [AccountRole.TownshipOfficer] = Set([.. Staff, .. Command], Permission.PeopleUnmask, Permission.WorkOrdersDispatch,
            Permission.VenuesManage),
        [AccountRole.CommunityWorker] = Set([.. Staff, .. Command], Permission.PeopleUnmask),
        [AccountRole.HealthOfficer] = Set([.. Staff, .. Command], Permission.PeopleUnmask, Permission.WorkOrdersDispatch,
            Permission.EpidemicConfigure, Permission.HealthCodesOverride, Permission.ExposureTrace),
        [AccountRole.VenueOperator] = Set(Permission.JurisdictionsRead),
        [AccountRole.ServiceClerk] = Set(Permission.JurisdictionsRead, Permission.PeopleRead),
        [AccountRole.EnterpriseOfficer] = Set(Permission.JurisdictionsRead),
        [AccountRole.CityOpsOperator] = Set(Permission.JurisdictionsRead),
        [AccountRole.Auditor] = Set(Permission.JurisdictionsRead, Permission.AuditRead),
        [AccountRole.Citizen] = Set(Permission.HealthCodesSelf),
        [AccountRole.SourceSystem] = Set(Permission.JurisdictionsRead, Permission.PeopleWrite, Permission.IntakeSubmit),
        [AccountRole.Administrator] = Set(Permission.JurisdictionsRead, Permission.SourcesManage),
    }.ToFrozenDictionary();

    private static Permission[] Staff =>
    [
        Permission.JurisdictionsRead, Permission.PeopleRead, Permission.PeopleWrite,
        Permission.IntakeSubmit, Permission.DuplicatesReview, Permission.PeopleExport,
    ];

    private static Permission[] Command =>
    [
        Permission.EpidemicRead, Permission.EpidemicWrite, Permission.DashboardRead, Permission.WorkOrdersRead,
        Permission.DirectivesRead, Permission.FrontlineRead, Permission.FrontlineWrite, Permission.SightingsRead,
        Permission.HealthCodesRead,
    ];

    public static bool Has(AccountRole role, Permission permission) =>
        Table.TryGetValue(role, out var set) && set.Contains(permission);

    public static IReadOnlySet<Permission> Of(AccountRole role) => Table.TryGetValue(role, out var set) ? set : FrozenSet<Permission>.Empty;

    private static FrozenSet<Permission> Set(params Permission[] permissions) => permissions.ToFrozenSet();

    private static FrozenSet<Permission> Set(Permission[] common, params Permission[] more) => common.Concat(more).ToFrozenSet();
}
