using Yiwang.Kernel.Access;
using Yiwang.Frontline.Domain.Screening;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>The caller's scope as query filters on the stored unit codes (codes nest by prefix).</summary>
internal static class ScreeningScope
{
    public static IQueryable<Checkpoint> InScope(this IQueryable<Checkpoint> q, AccessScope scope) => q.UnderScope(scope, c => c.UnitCode);

    public static IQueryable<Returnee> InScope(this IQueryable<Returnee> q, AccessScope scope) => q.UnderScope(scope, r => r.CommunityCode);

    public static IQueryable<Sighting> InScope(this IQueryable<Sighting> q, AccessScope scope) => q.UnderScope(scope, s => s.CommunityCode);

    /// <summary>Vehicle plates compared as written on the plate: upper case, without spaces, dots or dashes.</summary>
    public static string? NormalizePlate(string? plate)
    {
        if (string.IsNullOrWhiteSpace(plate))
        {
            return null;
        }

        var chars = plate.Trim().ToUpperInvariant().Where(c => c is not (' ' or '·' or '.' or '-' or '•')).ToArray();
        return new string(chars);
    }

    /// <summary>A Chinese plate: a province character then 5 to 8 letters or digits (new-energy plates have 8).</summary>
    public static bool IsPlate(string normalized) =>
        normalized.Length is >= 6 and <= 9
        && normalized[0] is >= '\u4e00' and <= '\u9fff'
        && normalized.Skip(1).All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is >= '\u4e00' and <= '\u9fff');
}
