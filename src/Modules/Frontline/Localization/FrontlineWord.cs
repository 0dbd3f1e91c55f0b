using System.Globalization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Localization;

/// <summary>
/// A FrontlineText word used as an argument of another text ("{2}" = "口罩" or "masks"): string.Format hands an
/// <see cref="IFormattable"/> argument the culture the outer text is rendered in, so both languages stay whole.
/// </summary>
internal sealed record FrontlineWord(string Key, params object?[] Args) : IFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        FrontlineText.Of(Key, Args).Render(formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture);

    public override string ToString() => ToString(null, null);
}
