namespace Yiwang.Kernel.Jurisdictions;

/// <summary>
/// Administrative level of a jurisdiction. The numeric values are the NBS
/// (国家统计局) division levels, so they can be stored and compared with the
/// <c>level</c> column of the source data as-is.
/// </summary>
public enum JurisdictionLevel
{
    /// <summary>区: the district itself (黄陂区).</summary>
    District = 3,

    /// <summary>街道 / 乡 / 功能区: the township-level units.</summary>
    Street = 4,

    /// <summary>居委会 / 村委会: the village-level units.</summary>
    Community = 5,
}
