namespace Yiwang.Kernel.Access;

/// <summary>What a role may do. Endpoints and pages require permissions, never roles, so roles can change without touching them.</summary>
public enum Permission
{
    JurisdictionsRead,
    PeopleRead,
    PeopleWrite,
    PeopleUnmask,
    AuditRead,

    /// <summary>Register source systems and issue their keys.</summary>
    SourcesManage,

    /// <summary>Upload or send records from a source (rows still limited to the caller's scope).</summary>
    IntakeSubmit,

    /// <summary>Decide on the possible-duplicates queue (merge, distinct, undo).</summary>
    DuplicatesReview,

    /// <summary>Download lists as CSV/XLSX (masked, in scope).</summary>
    PeopleExport,

    /// <summary>See the four categories, isolation and monitoring in scope.</summary>
    EpidemicRead,

    /// <summary>Record and move four-category cases, assign isolation, record monitoring (in scope).</summary>
    EpidemicWrite,

    /// <summary>Configure diseases (state machines, observation periods, tests, risk-grade rules) and isolation sites.</summary>
    EpidemicConfigure,

    /// <summary>The three-level command dashboard, starting at the account's own unit.</summary>
    DashboardRead,

    /// <summary>See and work on work orders addressed to the account's unit subtree.</summary>
    WorkOrdersRead,

    /// <summary>Dispatch work orders to units below one's own and see the supervision ranking.</summary>
    WorkOrdersDispatch,

    /// <summary>Issue directives and meeting notices to units (the district command centre).</summary>
    DirectivesIssue,

    /// <summary>Read directives addressed to one's unit and acknowledge them.</summary>
    DirectivesRead,

    /// <summary>Checkpoints, duty rosters, passage logs, residents' supplies in scope.</summary>
    FrontlineRead,

    /// <summary>Run checkpoints, record passages, fulfil supply requests, allocate stock downwards.</summary>
    FrontlineWrite,

    /// <summary>Read sighting records from screening systems (every read is audited).</summary>
    SightingsRead,

    /// <summary>See health-code colours and their reasons of persons in scope.</summary>
    HealthCodesRead,

    /// <summary>Request or approve a manual colour override (never both for the same override), handle appeals.</summary>
    HealthCodesOverride,

    /// <summary>Register venues (场所) in scope, issue their keys and posters.</summary>
    VenuesManage,

    /// <summary>Run exposure tracing for a confirmed case and confirm close contacts.</summary>
    ExposureTrace,

    /// <summary>A citizen's own health code, declarations, appeals, history and check-ins (the account's bound person only).</summary>
    HealthCodesSelf,
}
