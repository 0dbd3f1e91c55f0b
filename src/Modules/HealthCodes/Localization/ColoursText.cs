namespace Yiwang.HealthCodes.Localization;

/// <summary>Strings of the colour pages (rules, a person's colour, overrides): ColoursText.resx (Chinese), ColoursText.en.resx.</summary>
internal sealed class ColoursText;
