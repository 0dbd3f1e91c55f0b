namespace Yiwang.HealthCodes.Localization;

/// <summary>Marker for the HealthCodes module's own strings (HealthCodesText.resx in Chinese, HealthCodesText.en.resx in English).</summary>
internal sealed class HealthCodesText;
