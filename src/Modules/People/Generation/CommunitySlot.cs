namespace Yiwang.People.Generation;

/// <summary>A residents' committee (社区居委会, <c>IsVillage</c> false) or villagers' committee (村委会,
/// <c>IsVillage</c> true) that synthetic households are placed in.</summary>
internal sealed record CommunitySlot(
    string CommunityCode,
    string StreetCode,
    string CommunityName,
    string StreetName,
    bool IsVillage);
