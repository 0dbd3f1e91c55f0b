using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Colours;

namespace Yiwang.UnitTests.HealthCodes;

/// <summary>The colour rules applied to facts over time: steps, merged spans, end states, declarations, overrides.</summary>
public sealed class ColourEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Case = Guid.NewGuid();

    private static FactSpan Span(string category, string state, DateTimeOffset start, DateTimeOffset? end, string? endState) =>
        new("case", Case, category, "covid-19", state, "确诊|Confirmed", start, end, endState, "case:" + Case);

    private static Evaluation At(DateTimeOffset now, IReadOnlyList<FactSpan> facts, IReadOnlyList<Declaration>? declarations = null, ColourOverride? o = null, ColourRuleSet? set = null) =>
        ColourEvaluator.Evaluate(set ?? ColourRuleSet.Default, 3, facts, declarations ?? [], o, now);

    [Fact]
    public void No_facts_is_green_without_reasons()
    {
        var e = At(T0, []);
        Assert.Equal(CodeColour.Green, e.Colour);
        Assert.Empty(e.Reasons);
        Assert.Null(e.NextReviewAt);
    }

    [Fact]
    public void A_confirmed_case_is_red_while_open_then_red_14_days_then_yellow_7_then_green()
    {
        var released = T0.AddDays(20);
        // confirmed → hospitalised (same category: one span) → recovered (terminal).
        var facts = new[] { Span("Confirmed", "confirmed", T0, T0.AddDays(2), "hospitalised"), Span("Confirmed", "hospitalised", T0.AddDays(2), released, "recovered") };

        var open = At(T0.AddDays(10), [facts[0], facts[1] with { End = null, EndState = null }]);
        Assert.Equal(CodeColour.Red, open.Colour);
        var reason = Assert.Single(open.Reasons);
        Assert.Equal("confirmed-case", reason.RuleId);
        Assert.Equal(3, reason.RuleSetVersion);
        Assert.Equal("case:" + Case, reason.SourceRef);
        Assert.Equal(T0, reason.Since);
        Assert.Null(reason.Until);
        Assert.Contains("确诊病例", reason.TextZh, StringComparison.Ordinal);

        var afterRelease = At(released.AddDays(1), facts);
        Assert.Equal(CodeColour.Red, afterRelease.Colour);
        Assert.Equal(released.AddDays(14), afterRelease.NextReviewAt);

        var yellow = At(released.AddDays(15), facts);
        Assert.Equal(CodeColour.Yellow, yellow.Colour);
        Assert.Equal(released.AddDays(21), yellow.NextReviewAt);

        var green = At(released.AddDays(21), facts);
        Assert.Equal(CodeColour.Green, green.Colour);
        Assert.Empty(green.Reasons);
    }

    [Fact]
    public void A_different_end_state_takes_its_own_steps()
    {
        var facts = new[] { Span("Confirmed", "confirmed", T0, T0.AddDays(3), "deceased") };
        Assert.Equal(CodeColour.Green, At(T0.AddDays(4), facts).Colour);
    }

    [Fact]
    public void A_close_contact_released_is_yellow_for_7_days_and_the_strongest_reason_decides()
    {
        var contact = new FactSpan("case", Guid.NewGuid(), "CloseContact", "covid-19", "observation-home", "居家隔离观察|Under home observation", T0, T0.AddDays(14), "released", "case:x");
        var e = At(T0.AddDays(15), [contact]);
        Assert.Equal(CodeColour.Yellow, e.Colour);
        Assert.Equal("close-contact", e.DecidingRule);

        var confirmedLater = Span("Confirmed", "confirmed", T0.AddDays(14), null, null);
        var both = At(T0.AddDays(15), [contact, confirmedLater]);
        Assert.Equal(CodeColour.Red, both.Colour);
        Assert.Equal(2, both.Reasons.Count);
        Assert.Equal("confirmed-case", both.Reasons[0].RuleId);
    }

    [Fact]
    public void Declared_symptoms_are_yellow_until_a_healthy_declaration()
    {
        var person = Guid.NewGuid();
        var sick = new Declaration { Id = Guid.NewGuid(), PersonId = person, DeclaredAt = T0, Fever = true, Symptoms = "cough" };
        var e = At(T0.AddHours(1), [], [sick]);
        Assert.Equal(CodeColour.Yellow, e.Colour);
        Assert.Contains("发热、咳嗽", e.Reasons[0].TextZh, StringComparison.Ordinal);
        Assert.Contains("fever, Cough", e.Reasons[0].TextEn, StringComparison.Ordinal);
        var well = new Declaration { Id = Guid.NewGuid(), PersonId = person, DeclaredAt = T0.AddDays(2) };
        Assert.Equal(CodeColour.Green, At(T0.AddDays(2).AddHours(1), [], [sick, well]).Colour);
    }

    [Fact]
    public void A_stay_in_a_listed_risk_area_is_yellow_for_14_days_after_leaving()
    {
        var set = ColourRuleSet.Default with { RiskAreas = [new RiskArea("310115", "上海市浦东新区", "Pudong")] };
        var stay = new Declaration
        {
            Id = Guid.NewGuid(), DeclaredAt = T0, TravelRegion = "上海市浦东新区张江镇", TravelFrom = new DateOnly(2026, 10, 28), TravelTo = new DateOnly(2026, 10, 31),
        };
        var e = At(T0, [], [stay], set: set);
        Assert.Equal(CodeColour.Yellow, e.Colour);
        Assert.Equal("risk-area-stay", e.DecidingRule);
        Assert.Equal(CodeColour.Green, At(T0.AddDays(15), [], [stay], set: set).Colour);

        var elsewhere = new Declaration { Id = Guid.NewGuid(), DeclaredAt = T0, TravelRegion = "北京市海淀区", TravelFrom = stay.TravelFrom, TravelTo = stay.TravelTo };
        Assert.Equal(CodeColour.Green, At(T0, [], [elsewhere], set: set).Colour);
    }

    [Fact]
    public void An_approved_override_wins_until_it_ends_and_a_pending_one_changes_nothing()
    {
        var facts = new[] { Span("Confirmed", "confirmed", T0, null, null) };
        var o = new ColourOverride
        {
            Id = Guid.NewGuid(), Colour = CodeColour.Green, Reason = "身份被冒用，病例系他人", Status = OverrideStatus.Pending, RequestedBy = "health", RequestedAt = T0,
        };
        Assert.Equal(CodeColour.Red, At(T0.AddDays(1), facts, o: o).Colour);

        o.Status = OverrideStatus.Approved;
        o.DecidedBy = "health2";
        o.DecidedAt = T0.AddDays(1);
        o.Until = T0.AddDays(8);
        var e = At(T0.AddDays(2), facts, o: o);
        Assert.Equal(CodeColour.Green, e.Colour);
        Assert.Equal("override", e.DecidingRule);
        Assert.Equal(2, e.Reasons.Count);
        Assert.Equal(T0.AddDays(8), e.NextReviewAt);
        Assert.Equal(CodeColour.Red, At(T0.AddDays(9), facts, o: o).Colour);
    }

    [Theory]
    [InlineData("", "json")]
    [InlineData("{not json", "json")]
    [InlineData("""{"rules":[]}""", "rules")]
    [InlineData("""{"rules":[{"id":"Bad Id","nameZh":"a","nameEn":"a","when":{"kind":"case","categories":["Confirmed"]},"colour":"red"}]}""", "rules[0].id")]
    [InlineData("""{"rules":[{"id":"a","nameZh":"a","nameEn":"a","when":{"kind":"weather"},"colour":"red"}]}""", "rules[0].when.kind")]
    [InlineData("""{"rules":[{"id":"a","nameZh":"a","nameEn":"a","when":{"kind":"case","categories":["Zombie"]},"colour":"red"}]}""", "rules[0].when.categories")]
    [InlineData("""{"rules":[{"id":"a","nameZh":"a","nameEn":"a","when":{"kind":"case","categories":["Confirmed"]},"colour":"green"}]}""", "rules[0].colour")]
    [InlineData("""{"rules":[{"id":"a","nameZh":"a","nameEn":"a","when":{"kind":"case","categories":["Confirmed"]},"colour":"red","after":[{"colour":"red","days":0}]}]}""", "rules[0].after[0]")]
    [InlineData("""{"rules":[{"id":"a","nameZh":"a","nameEn":"a","when":{"kind":"symptoms"},"colour":"red"},{"id":"a","nameZh":"b","nameEn":"b","when":{"kind":"symptoms"},"colour":"red"}]}""", "rules[1].id")]
    public void Bad_rule_sets_are_refused_with_the_field(string json, string field)
    {
        var (set, errors) = ColourRuleSet.Parse(json);
        Assert.Null(set);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void The_default_rules_round_trip_through_json()
    {
        var (set, errors) = ColourRuleSet.Parse(ColourRuleSet.Default.ToJson());
        Assert.Empty(errors);
        Assert.Equal(ColourRuleSet.Default.Rules.Count, set!.Rules.Count);
        Assert.Equal(ColourRuleSet.Default.ToJson(), set.ToJson());
    }
}
