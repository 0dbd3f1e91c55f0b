namespace Yiwang.HealthCodes.Localization;

/// <summary>Marker for the exposure-tracing pages' strings (TracingText.resx in Chinese, TracingText.en.resx in English).</summary>
internal sealed class TracingText;
