using System.Text.Json;
using System.Text.Json.Serialization;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Domain;

/// <summary>A disease as configuration (as SORMAS does per disease): a new outbreak (dengue, influenza, measles) is a
/// new definition, not new code.</summary>
internal sealed record DiseaseDefinition(
    string Code,
    string NameZh,
    string NameEn,
    int ObservationDays,
    IReadOnlyDictionary<CaseCategory, string> InitialStates,
    IReadOnlyList<StateDefinition> States,
    IReadOnlyList<TransitionDefinition> Transitions,
    RiskRule Risk)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        MaxDepth = 16,
    };

    public StateDefinition? State(string code) => (States ?? []).FirstOrDefault(s => s.Code == code);

    public TransitionDefinition? Transition(string from, string to) => (Transitions ?? []).FirstOrDefault(t => t.From == from && t.To == to);

    public IEnumerable<TransitionDefinition> From(string state) => (Transitions ?? []).Where(t => t.From == state);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DiseaseDefinition? FromJson(string json) => JsonSerializer.Deserialize<DiseaseDefinition>(json, Json);

    /// <summary>Everything wrong with a definition, by field; empty when it is usable.</summary>
    public IReadOnlyList<(string Field, Text Message)> Validate()
    {
        var errors = new List<(string, Text)>();
        void Add(string field, string key, params object?[] args) => errors.Add((field, EpidemicText.Of("Definition." + key, args)));

        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 32 || !Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            Add("code", "Code");
        }

        if (string.IsNullOrWhiteSpace(NameZh) || string.IsNullOrWhiteSpace(NameEn) || NameZh.Length > 64 || NameEn.Length > 64)
        {
            Add("name", "Name");
        }

        if (ObservationDays is < 1 or > 60)
        {
            Add("observationDays", "ObservationDays");
        }

        var states = States ?? [];
        var transitions = Transitions ?? [];
        if (states.Count is 0 or > 50)
        {
            Add("states", "StateCount");
        }

        foreach (var dup in states.GroupBy(s => s.Code).Where(g => g.Count() > 1))
        {
            Add("states", "DuplicateState", dup.Key);
        }

        foreach (var s in states)
        {
            if (string.IsNullOrWhiteSpace(s.Code) || s.Code.Length > 32 || string.IsNullOrWhiteSpace(s.Zh) || string.IsNullOrWhiteSpace(s.En))
            {
                Add("states", "StateNames", s.Code);
            }

            if (s.Isolation is not (null or "centralised" or "home" or "hospital"))
            {
                Add("states", "StateIsolation", s.Code, s.Isolation);
            }
        }

        var codes = states.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var category in Enum.GetValues<CaseCategory>())
        {
            if (InitialStates is null || !InitialStates.TryGetValue(category, out var initial))
            {
                Add("initialStates", "NoInitialState", category);
            }
            else if (State(initial) is not { } st || st.Category != category || st.Terminal)
            {
                Add("initialStates", "InitialState", category, initial);
            }
        }

        foreach (var t in transitions)
        {
            if (!codes.Contains(t.From) || !codes.Contains(t.To))
            {
                Add("transitions", "UndefinedState", t.From, t.To);
            }
            else if (State(t.From)!.Terminal)
            {
                Add("transitions", "TerminalMoves", t.From);
            }

            if (t.From == t.To || t.MinDaysInState is < 0 or > 365 || t.RequiredNegativeTests is < 0 or > 10)
            {
                Add("transitions", "TransitionConditions", t.From, t.To);
            }
        }

        foreach (var dup in transitions.GroupBy(t => (t.From, t.To)).Where(g => g.Count() > 1))
        {
            Add("transitions", "DuplicateTransition", dup.Key.From, dup.Key.To);
        }

        foreach (var s in states.Where(s => !s.Terminal && !transitions.Any(t => t.From == s.Code)))
        {
            Add("transitions", "DeadEnd", s.Code);
        }

        if (Risk is null || Risk.WindowDays is < 1 or > 60 || Risk.MediumAt < 1 || Risk.HighAt < Risk.MediumAt)
        {
            Add("risk", "Risk");
        }

        return errors;
    }
}
