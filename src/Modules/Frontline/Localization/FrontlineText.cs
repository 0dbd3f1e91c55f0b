using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Localization;

/// <summary>Marker for the Frontline module's own strings (FrontlineText.resx in Chinese, FrontlineText.en.resx in English).</summary>
internal sealed class FrontlineText
{
    private FrontlineText()
    {
    }

    public static Text Of(string key, params object?[] args) => new(typeof(FrontlineText), key, args);

    public static UnitFigureDefinition Figure(string figure, string key) => new(figure, Of(key));
}
