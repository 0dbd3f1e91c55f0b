namespace Yiwang.People.Intake;

/// <summary>The fields an intake row can carry, whatever its source calls them. A file's columns are mapped onto
/// these (by header aliases, or by the user in the mapping step); the JSON API uses their camelCase names.</summary>
internal enum IntakeField
{
    /// <summary>The source's own id of the record (记录编号): makes re-sending idempotent.</summary>
    SourceRecordId,
    IdNumber,
    Name,
    Sex,
    BirthDate,
    Phone,
    Address,
    CommunityCode,

    /// <summary>The source's household key (户号), grouping members of one household.</summary>
    HouseholdKey,
    Relation,

    /// <summary>For flag records: confirmed/suspected, elderly-alone/disabled/low-income.</summary>
    Category,

    /// <summary>Report date, visit date, list date.</summary>
    EventDate,

    /// <summary>Whether the flag still holds (a case closed, a person removed from a list).</summary>
    Active,
    Note,
}
