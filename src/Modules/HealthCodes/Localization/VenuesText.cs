namespace Yiwang.HealthCodes.Localization;

/// <summary>Strings of the venue pages (VenuesText.resx in Chinese, VenuesText.en.resx in English).</summary>
internal sealed class VenuesText;
