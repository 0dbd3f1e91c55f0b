using System.Globalization;
using System.Resources;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Time;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>Kept as codes and values and put into words only when shown, so a change of wording needs no
/// re-evaluation. <see cref="Shape"/> is "lasting", "step" (after the fact ended) or "override".</summary>
internal sealed record ReasonWords(
    string Shape, CodeColour Colour, DateTimeOffset At, DateTimeOffset? Until = null,
    string? RuleNameZh = null, string? RuleNameEn = null,
    string? FactKind = null, string? Category = null, string? Detail = null, string? State = null,
    string? RequestedBy = null, string? DecidedBy = null, string? Note = null)
{
    public const string Lasting = "lasting";
    public const string Step = "step";
    public const string Override = "override";

    private static readonly ResourceManager Colours = new(typeof(ColoursText).FullName!, typeof(ColoursText).Assembly);
    private static readonly ResourceManager Citizen = new(typeof(CitizenText).FullName!, typeof(CitizenText).Assembly);

    public string Render(CultureInfo culture)
    {
        var colour = Words(culture, "ReasonColour_" + Colour);
        return Shape switch
        {
            Override => Words(culture, "Reason_Override", colour, RequestedBy, DecidedBy, Note, DistrictTime.Show(Until!.Value)),
            Step => Words(culture, "Reason_Step", RuleName(culture), Fact(culture), DistrictTime.Show(At), colour, DistrictTime.Show(Until!.Value)),
            _ => Words(culture, "Reason_Lasting", RuleName(culture), Fact(culture), DistrictTime.Show(At), colour),
        };
    }

    private string? RuleName(CultureInfo culture) => Chinese(culture) ? RuleNameZh : RuleNameEn;

    private string Fact(CultureInfo culture) => FactKind switch
    {
        "case" => Words(culture, "Fact_case", StateName(culture)),
        "flag" => Words(culture, "Fact_flag", Detail, Category),
        "symptoms" => Words(culture, "Fact_symptoms", Symptoms(culture)),
        "travel" => Words(culture, "Fact_travel", State),
        _ => FactKind ?? "",
    };

    /// <summary>
    /// A record's state by its code; a disease of the future may name states the resources do not know: then its
    /// category's name, then the code itself.
    /// </summary>
    private string StateName(CultureInfo culture) =>
        Colours.GetString("CaseState_" + State, culture)
        ?? (Enum.TryParse<CaseCategory>(Category, out var category) ? Colours.GetString("CaseCategory_" + category, culture) : null)
        ?? State ?? "";

    /// <summary>Symptom tokens in words ("fever, cough" → "发热、咳嗽"), as the declaration form names them.</summary>
    private string Symptoms(CultureInfo culture) => string.Join(Chinese(culture) ? "、" : ", ",
        (State ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Citizen.GetString("Symptom_" + t, culture) ?? t));

    private static bool Chinese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh";

    private static string Words(CultureInfo culture, string key, params object?[] args) =>
        string.Format(culture, Colours.GetString(key, culture) ?? key, args);
}
