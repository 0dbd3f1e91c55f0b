using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>
/// The colour rules as data (docs/colour-rules.md). The strongest colour of all rules that apply is the person's
/// colour; every rule that applies is a reason.
/// </summary>
internal sealed partial record ColourRuleSet(IReadOnlyList<ColourRule> Rules, IReadOnlyList<RiskArea>? RiskAreas)
{
    public static readonly string[] Kinds = ["case", "flag", "symptoms", "travel"];
    public static readonly string[] CaseCategories = ["Confirmed", "Suspected", "CloseContact", "FeverPatient"];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Parses and checks a rule set; errors are keyed by JSON path.</summary>
    public static (ColourRuleSet? Set, Dictionary<string, IReadOnlyList<Text>> Errors) Parse(string? json)
    {
        var errors = new Dictionary<string, IReadOnlyList<Text>>();
        if (string.IsNullOrWhiteSpace(json))
        {
            errors["json"] = [Words("Rules_Empty")];
            return (null, errors);
        }

        ColourRuleSet? set;
        try
        {
            set = JsonSerializer.Deserialize<ColourRuleSet>(json, Json);
        }
        catch (JsonException e)
        {
            errors["json"] = [Words("Rules_BadJson", e.LineNumber + 1, e.Message)];
            return (null, errors);
        }

        if (set?.Rules is not { Count: > 0 })
        {
            errors["rules"] = [Words("Rules_NoRule")];
            return (null, errors);
        }

        if (set.Rules.Count > 50)
        {
            errors["rules"] = [Words("Rules_TooMany")];
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < set.Rules.Count; i++)
        {
            var r = set.Rules[i];
            var p = $"rules[{i}]";
            if (r is null)
            {
                errors[p] = [Words("Rules_EmptyRule")];
                continue;
            }

            if (r.Id is null || !IdPattern().IsMatch(r.Id))
            {
                errors[p + ".id"] = [Words("Rules_BadId")];
            }
            else if (!ids.Add(r.Id))
            {
                errors[p + ".id"] = [Words("Rules_DuplicateId", r.Id)];
            }

            if (string.IsNullOrWhiteSpace(r.NameZh) || string.IsNullOrWhiteSpace(r.NameEn))
            {
                errors[p + ".name"] = [Words("Rules_NameRequired")];
            }

            if (r.When is null || !Kinds.Contains(r.When.Kind))
            {
                errors[p + ".when.kind"] = [Words("Rules_BadKind", string.Join('、', Kinds), string.Join(", ", Kinds))];
            }
            else if (r.When.Kind == "case" && (r.When.Categories is not { Count: > 0 } || r.When.Categories.Any(c => !CaseCategories.Contains(c))))
            {
                errors[p + ".when.categories"] = [Words("Rules_BadCategories", string.Join('、', CaseCategories), string.Join(", ", CaseCategories))];
            }
            else if (r.When.Kind == "flag" && r.When.Flags is not { Count: > 0 })
            {
                errors[p + ".when.flags"] = [Words("Rules_NoFlags")];
            }

            if (r.Colour == RuleColour.Green)
            {
                errors[p + ".colour"] = [Words("Rules_Green")];
            }

            CheckSteps(r.After, p + ".after", errors);
            foreach (var (state, steps) in r.AfterByEndState ?? new Dictionary<string, IReadOnlyList<ColourStep>>())
            {
                CheckSteps(steps, $"{p}.afterByEndState.{state}", errors);
            }
        }

        return errors.Count > 0 ? (null, errors) : (set, errors);
    }

    private static void CheckSteps(IReadOnlyList<ColourStep>? steps, string path, Dictionary<string, IReadOnlyList<Text>> errors)
    {
        if (steps is null)
        {
            return;
        }

        if (steps.Count > 5)
        {
            errors[path] = [Words("Rules_TooManySteps")];
        }

        for (var j = 0; j < steps.Count; j++)
        {
            if (steps[j] is not { } s || s.Days is < 1 or > 365 || s.Colour == RuleColour.Green)
            {
                errors[$"{path}[{j}]"] = [Words("Rules_BadStep")];
            }
        }
    }

    private static Text Words(string key, params object?[] args) => new(typeof(ColoursText), key, args);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    /// <summary>The rules a new district starts with (COVID-19 practice of 2022).</summary>
    public static ColourRuleSet Default { get; } = new(
    [
        new ColourRule("confirmed-case", "确诊病例", "Confirmed case", new RuleWhen("case", Categories: ["Confirmed"]), RuleColour.Red,
            [new ColourStep(RuleColour.Red, 14), new ColourStep(RuleColour.Yellow, 7)],
            new Dictionary<string, IReadOnlyList<ColourStep>> { ["deceased"] = [] }),
        new ColourRule("suspected-case", "疑似病例", "Suspected case", new RuleWhen("case", Categories: ["Suspected"]), RuleColour.Red,
            [], null),
        new ColourRule("close-contact", "密切接触者", "Close contact", new RuleWhen("case", Categories: ["CloseContact"]), RuleColour.Red,
            [new ColourStep(RuleColour.Yellow, 7)], null),
        new ColourRule("fever-patient", "发热门诊就诊", "Fever clinic patient", new RuleWhen("case", Categories: ["FeverPatient"]), RuleColour.Yellow,
            [], null),
        new ColourRule("declared-symptoms", "申报发热或症状", "Declared fever or symptoms", new RuleWhen("symptoms"), RuleColour.Yellow,
            [], null),
        new ColourRule("risk-area-stay", "中高风险地区旅居", "Stay in a risk area", new RuleWhen("travel"), RuleColour.Yellow,
            [new ColourStep(RuleColour.Yellow, 14)], null),
    ], []);
}

/// <summary>The colours a rule can give (green is the absence of reasons).</summary>
internal enum RuleColour
{
    Green,
    Yellow,
    Red,
}

/// <summary>One rule: what fact, what colour while it lasts, what steps after it ends.</summary>
/// <param name="Id">Stable id, shown in reasons ("confirmed-case").</param>
/// <param name="After">Steps after the fact ends, in order; then green.</param>
/// <param name="AfterByEndState">Different steps when the record ended in this state (e.g. "deceased": none).</param>
internal sealed record ColourRule(
    string Id, string NameZh, string NameEn, RuleWhen When, RuleColour Colour, IReadOnlyList<ColourStep>? After,
    IReadOnlyDictionary<string, IReadOnlyList<ColourStep>>? AfterByEndState);

/// <summary>Which facts: kind "case" (with categories, optionally states and a disease), "flag" (with flags), "symptoms", "travel".</summary>
internal sealed record RuleWhen(
    string Kind, IReadOnlyList<string>? Categories = null, IReadOnlyList<string>? States = null, string? Disease = null,
    IReadOnlyList<string>? Flags = null);

internal sealed record ColourStep(RuleColour Colour, int Days);

/// <summary>A region a declared stay in makes yellow: matched by division-code prefix or by name.</summary>
internal sealed record RiskArea(string? Code, string NameZh, string? NameEn);
