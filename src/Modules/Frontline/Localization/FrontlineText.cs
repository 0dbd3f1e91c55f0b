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

    /// <summary>The dashboard's figure contract still carries both labels, so they are rendered here from one key.</summary>
    public static UnitFigureDefinition Figure(string figure, string key) =>
        new(figure, Of(key).Render(Text.Chinese), Of(key).Render(Text.English));
}
