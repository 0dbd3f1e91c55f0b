namespace Yiwang.Kernel.Jurisdictions;

/// <summary>The values are the NBS (国家统计局) division levels, as in the source data's <c>level</c> column.</summary>
public enum JurisdictionLevel
{
    District = 3,

    Street = 4,

    Community = 5,
}
