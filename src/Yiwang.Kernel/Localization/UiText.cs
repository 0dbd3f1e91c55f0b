namespace Yiwang.Kernel.Localization;

/// <summary>Marker for the shared UI strings (UiText.resx: Simplified Chinese, the default; UiText.en.resx: English).</summary>
public sealed class UiText;
