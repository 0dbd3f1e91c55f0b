using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Epidemic.Domain;

namespace Yiwang.UnitTests.Epidemic;

public sealed class DiseaseDefinitionTests
{
    private static readonly DiseaseDefinition Covid = Covid19.Definition;

    [Fact]
    public void The_seeded_covid19_definition_is_valid_and_survives_a_json_round_trip()
    {
        Assert.Empty(Covid.Validate());
        var again = DiseaseDefinition.FromJson(Covid.ToJson())!;
        Assert.Empty(again.Validate());
        Assert.Equal(Covid.States.Count, again.States.Count);
        Assert.Equal("contact-traced", again.InitialStates[CaseCategory.CloseContact]);
        Assert.Contains("\"CloseContact\"", Covid.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_category_has_a_non_terminal_initial_state_of_its_own()
    {
        foreach (var category in Enum.GetValues<CaseCategory>())
        {
            var state = Covid.State(Covid.InitialStates[category])!;
            Assert.Equal(category, state.Category);
            Assert.False(state.Terminal);
        }
    }

    [Fact]
    public void Observation_states_share_one_phase_so_a_transfer_does_not_restart_the_clock()
    {
        Assert.Equal(Covid.State("observation-home")!.PhaseCode, Covid.State("observation-centralised")!.PhaseCode);
        Assert.NotEqual(Covid.State("hospitalised")!.PhaseCode, Covid.State("discharged-monitoring")!.PhaseCode);
    }

    [Fact]
    public void Release_from_observation_needs_fourteen_days_and_two_negative_tests()
    {
        var release = Covid.Transition("observation-home", "released")!;
        Assert.Equal(14, release.MinDaysInState);
        Assert.Equal(2, release.RequiredNegativeTests);
        Assert.Null(Covid.Transition("contact-traced", "released"));
        Assert.Empty(Covid.From("deceased"));
    }

    public static TheoryData<string, string> BrokenDefinitions() => new()
    {
        { "transitions", """{"from":"fever","to":"nowhere"}""" },
        { "transitions", """{"from":"deceased","to":"confirmed"}""" },
        { "transitions", """{"from":"fever","to":"fever"}""" },
        { "transitions", """{"from":"fever","to":"suspected","minDaysInState":-1}""" },
        { "transitions", """{"from":"fever","to":"suspected"}""" },
    };

    [Theory]
    [MemberData(nameof(BrokenDefinitions))]
    public void A_bad_transition_is_reported_against_its_field(string field, string transitionJson)
    {
        var extra = System.Text.Json.JsonSerializer.Deserialize<TransitionDefinition>(transitionJson, DiseaseDefinition.Json)!;
        var broken = Covid with { Transitions = [.. Covid.Transitions, extra] };
        Assert.Contains(broken.Validate(), e => e.Field == field);
    }

    [Fact]
    public void Bad_codes_names_periods_rules_and_initial_states_are_each_reported()
    {
        Assert.Contains((Covid with { Code = "Has Spaces" }).Validate(), e => e.Field == "code");
        Assert.Contains((Covid with { NameEn = "" }).Validate(), e => e.Field == "name");
        Assert.Contains((Covid with { ObservationDays = 0 }).Validate(), e => e.Field == "observationDays");
        Assert.Contains((Covid with { Risk = new RiskRule(MediumAt: 5, HighAt: 2) }).Validate(), e => e.Field == "risk");
        var wrongInitial = new Dictionary<CaseCategory, string>(Covid.InitialStates) { [CaseCategory.Confirmed] = "suspected" };
        Assert.Contains((Covid with { InitialStates = wrongInitial }).Validate(), e => e.Field == "initialStates");
        var deadEnd = Covid with { Transitions = [.. Covid.Transitions.Where(t => t.From != "fever")] };
        Assert.Contains(deadEnd.Validate(), e => e.Field == "transitions" && e.Message.Render(Text.English).Contains("no way out", StringComparison.Ordinal));
        var duplicate = Covid with { States = [.. Covid.States, Covid.States[0]] };
        Assert.Contains(duplicate.Validate(), e => e.Field == "states");
    }

    [Fact]
    public void A_definition_with_missing_parts_is_reported_not_thrown()
    {
        var empty = DiseaseDefinition.FromJson("""{"code":"x"}""")!;
        var errors = empty.Validate();
        Assert.Contains(errors, e => e.Field == "states");
        Assert.Contains(errors, e => e.Field == "initialStates");
        Assert.Contains(errors, e => e.Field == "risk");
    }
}
