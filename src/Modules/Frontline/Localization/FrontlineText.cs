namespace Yiwang.Frontline.Localization;

/// <summary>Marker for the Frontline module's own strings (FrontlineText.resx in Chinese, FrontlineText.en.resx in English).</summary>
internal sealed class FrontlineText;
