namespace Yiwang.People.Localization;

/// <summary>Marker for the People module's own strings (PeopleText.resx in Chinese, PeopleText.en.resx in English).</summary>
internal sealed class PeopleText;
