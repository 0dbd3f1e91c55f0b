namespace Yiwang.HealthCodes.Localization;

/// <summary>Marker for the venue scanner page's strings (ScannerText.resx in Chinese, ScannerText.en.resx in English).</summary>
internal sealed class ScannerText;
