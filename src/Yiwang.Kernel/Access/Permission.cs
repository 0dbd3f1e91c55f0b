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
}
