using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Localization;

/// <summary>Marker for the Epidemic module's own strings (EpidemicText.resx in Chinese, EpidemicText.en.resx in English).</summary>
internal sealed class EpidemicText
{
    private EpidemicText()
    {
    }

    public static Text Of(string key, params object?[] args) => new(typeof(EpidemicText), key, args);
}
