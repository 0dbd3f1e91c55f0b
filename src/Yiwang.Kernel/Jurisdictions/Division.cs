namespace Yiwang.Kernel.Jurisdictions;

/// <summary>
/// One administrative division of 黄陂区 as published by the NBS (2021 codes).
/// </summary>
/// <param name="Code">The NBS code: 6 digits for the district, 9 for a street, 12 for a community.</param>
/// <param name="Name">The official Chinese name, e.g. 前川街道 or 光荣居委会.</param>
/// <param name="ParentCode">The NBS code of the parent division; <c>null</c> for the district, which is the root of this catalogue.</param>
/// <param name="Level">The administrative level.</param>
/// <param name="Kind">
/// The kind in Chinese: 区 for the district; 街道, 镇, 乡 or 功能区 for streets;
/// 居委会 or 村委会 for communities.
/// </param>
/// <param name="AlternateCode">
/// The Ministry of Civil Affairs (民政部) code where the MCA publishes one. MCA and NBS number the
/// streets differently (MCA 420116008 is 武湖街道, NBS 420116008 is 王家河街道), so this must never be
/// used where an NBS code is expected.
/// </param>
public sealed record Division(
    string Code,
    string Name,
    string? ParentCode,
    JurisdictionLevel Level,
    string Kind,
    string? AlternateCode);
