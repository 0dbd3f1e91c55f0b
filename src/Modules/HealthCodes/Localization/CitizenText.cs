namespace Yiwang.HealthCodes.Localization;

/// <summary>Marker for the citizen pages' strings (CitizenText.resx in Chinese, CitizenText.en.resx in English).</summary>
internal sealed class CitizenText;
