namespace Yiwang.Epidemic.Localization;

/// <summary>Marker for the Epidemic module's own strings (EpidemicText.resx in Chinese, EpidemicText.en.resx in English).</summary>
internal sealed class EpidemicText;
