namespace Yiwang.Kernel.Access;

/// <summary>What a role may do. Endpoints and pages require permissions, never roles, so roles can change without touching them.</summary>
public enum Permission
{
    JurisdictionsRead,
    PeopleRead,
    PeopleWrite,
    PeopleUnmask,
    AuditRead,
    SourcesManage,

    /// <summary>Upload or send records from a source (rows still limited to the caller's scope).</summary>
    IntakeSubmit,
    DuplicatesReview,

    /// <summary>Download lists as CSV/XLSX (masked, in scope).</summary>
    PeopleExport,
    EpidemicRead,
    EpidemicWrite,

    /// <summary>Configure diseases (state machines, observation periods, tests, risk-grade rules) and isolation sites.</summary>
    EpidemicConfigure,

    /// <summary>The three-level command dashboard, starting at the account's own unit.</summary>
    DashboardRead,

    /// <summary>See and work on work orders addressed to the account's unit subtree.</summary>
    WorkOrdersRead,

    /// <summary>Dispatch work orders to units below one's own and see the supervision ranking.</summary>
    WorkOrdersDispatch,
    DirectivesIssue,
    DirectivesRead,
    FrontlineRead,
    FrontlineWrite,

    /// <summary>Read sighting records from screening systems (every read is audited).</summary>
    SightingsRead,
    HealthCodesRead,

    /// <summary>Request or approve a manual colour override (never both for the same override), handle appeals.</summary>
    HealthCodesOverride,
    VenuesManage,
    ExposureTrace,

    /// <summary>A citizen's own health code, declarations, appeals, history and check-ins (the account's bound person only).</summary>
    HealthCodesSelf,
}
