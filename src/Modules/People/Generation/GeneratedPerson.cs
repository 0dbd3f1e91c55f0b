using Yiwang.Kernel.Identity;

namespace Yiwang.People.Generation;

/// <summary>One synthetic resident; <c>Phone</c> is null for children under 12, who rarely have their own number.</summary>
internal sealed record GeneratedPerson(
    Guid Id,
    Guid HouseholdId,
    string IdNumber,
    string Name,
    Sex Sex,
    DateOnly BirthDate,
    string? Phone,
    string Address,
    string CommunityCode,
    string StreetCode,
    HouseholdRelation Relation);
