namespace Yiwang.Kernel.Access;

/// <summary>What a role may do. Endpoints and pages require permissions, never roles, so roles can change without touching them.</summary>
public enum Permission
{
    JurisdictionsRead,
    PeopleRead,
    PeopleWrite,
    PeopleUnmask,
    AuditRead,
}
