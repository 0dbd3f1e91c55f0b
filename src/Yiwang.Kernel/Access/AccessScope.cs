using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Kernel.Access;

/// <summary>The subtree an account may see; NBS codes nest by prefix (420116 ⊃ 420116001 ⊃ 420116001001).</summary>
public sealed record AccessScope(JurisdictionLevel Level, string Code)
{
    public const string DistrictCode = "420116";

    public static AccessScope District { get; } = new(JurisdictionLevel.District, DistrictCode);

    /// <summary>Sees nothing: for accounts without a unit (citizens).</summary>
    public static AccessScope None { get; } = new(JurisdictionLevel.Community, "-");

    public static AccessScope ForCode(string code) => code.Length switch
    {
        6 => new AccessScope(JurisdictionLevel.District, code),
        9 => new AccessScope(JurisdictionLevel.Street, code),
        12 => new AccessScope(JurisdictionLevel.Community, code),
        _ => None,
    };

    public bool Contains(string? jurisdictionCode) =>
        this != None && jurisdictionCode is not null && jurisdictionCode.StartsWith(Code, StringComparison.Ordinal);
}
