namespace Yiwang.People.Generation;

/// <summary>One synthetic household (户); the head is always the first member.</summary>
internal sealed record GeneratedHousehold(
    Guid Id,
    string CommunityCode,
    string StreetCode,
    string Address,
    IReadOnlyList<GeneratedPerson> Members);
