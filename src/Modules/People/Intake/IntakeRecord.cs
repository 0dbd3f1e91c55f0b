using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Identity;
using Yiwang.People.Generation;

namespace Yiwang.People.Intake;

/// <summary>A row that passed validation, normalised: trimmed text, parsed dates, upper-case X in identity numbers.</summary>
internal sealed record IntakeRecord(
    long RowNumber,
    string SourceRecordId,
    string? IdNumber,
    string Name,
    Sex? Sex,
    DateOnly? BirthDate,
    string? Phone,
    string? Address,
    string? CommunityCode,
    string? HouseholdKey,
    HouseholdRelation? Relation,
    PersonFlagKind? Flag,
    bool FlagActive,
    DateOnly? EventDate,
    string? Note);
