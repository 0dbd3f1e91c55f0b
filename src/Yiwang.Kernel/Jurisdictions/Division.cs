namespace Yiwang.Kernel.Jurisdictions;

/// <summary>AlternateCode is the MCA (民政部) code, numbered differently from NBS (MCA 420116008 is 武湖街道, NBS
/// 420116008 is 王家河街道): never use it where an NBS code is expected.</summary>
public sealed record Division(
    string Code,
    string Name,
    string? ParentCode,
    JurisdictionLevel Level,
    string Kind,
    string? AlternateCode);
