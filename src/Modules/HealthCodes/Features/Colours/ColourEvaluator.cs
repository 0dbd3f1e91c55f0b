using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Time;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>A fact as the evaluator sees it: a span of time with what it was and the record behind it.</summary>
internal sealed record FactSpan(
    string Kind, Guid SourceId, string Category, string Detail, string State, string StateLabel, DateTimeOffset Start,
    DateTimeOffset? End, string? EndState, string SourceRef);

/// <summary>The outcome of applying the rules to one person at one time.</summary>
/// <param name="NextReviewAt">When a step ends and the colour may change without any new fact.</param>
internal sealed record Evaluation(CodeColour Colour, IReadOnlyList<ColourReason> Reasons, DateTimeOffset? NextReviewAt)
{
    public string? DecidingRule => Reasons.Count > 0 ? Reasons[0].RuleId : null;
}

/// <summary>Pure: no database, no clock; the engine loads the inputs and stores the result.</summary>
internal static class ColourEvaluator
{
    public const string OverrideRule = "override";

    public static Evaluation Evaluate(
        ColourRuleSet set, int version, IReadOnlyList<FactSpan> facts, IReadOnlyList<Declaration> declarations,
        ColourOverride? approvedOverride, DateTimeOffset now)
    {
        var spans = facts.Concat(DeclarationSpans(set, declarations, now)).ToList();
        var reasons = new List<ColourReason>();
        foreach (var rule in set.Rules)
        {
            foreach (var (start, end, endState, first) in Intervals(rule, spans))
            {
                if (Apply(rule, version, start, end, endState, first, now) is { } reason)
                {
                    reasons.Add(reason);
                }
            }
        }

        var ordered = reasons.OrderByDescending(r => r.Colour).ThenByDescending(r => r.Until ?? DateTimeOffset.MaxValue).ThenBy(r => r.Since).ToList();
        DateTimeOffset? next = ordered.Where(r => r.Until is not null).Select(r => r.Until).Min();
        if (approvedOverride is { Status: OverrideStatus.Approved, Until: { } until } o && until > now)
        {
                        ordered.Insert(0, new ColourReason(OverrideRule, 0, o.Colour,
                new ReasonWords(ReasonWords.Override, o.Colour, o.DecidedAt ?? o.RequestedAt, until, RequestedBy: o.RequestedBy, DecidedBy: o.DecidedBy, Note: o.Reason),
                "override", "override:" + o.Id, o.DecidedAt ?? o.RequestedAt, until));
            next = next is { } n && n < until ? n : until;
            return new Evaluation(o.Colour, ordered, next);
        }

        return new Evaluation(ordered.Count > 0 ? ordered[0].Colour : CodeColour.Green, ordered, next);
    }

    /// <summary>The matching spans of a rule, contiguous spans of one record merged.</summary>
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset? End, string? EndState, FactSpan First)> Intervals(ColourRule rule, List<FactSpan> spans)
    {
        var matching = spans.Where(s => Matches(rule.When, s)).GroupBy(s => (s.Kind, s.SourceId));
        foreach (var g in matching)
        {
            (DateTimeOffset Start, DateTimeOffset? End, string? EndState, FactSpan First)? current = null;
            foreach (var s in g.OrderBy(s => s.Start))
            {
                if (current is { } c && c.End is { } e && s.Start <= e)
                {
                    current = (c.Start, s.End is { } se && se < e ? e : s.End, s.End is null ? null : s.EndState, c.First);
                    continue;
                }

                if (current is { } done)
                {
                    yield return done;
                }

                current = (s.Start, s.End, s.EndState, s);
            }

            if (current is { } last)
            {
                yield return last;
            }
        }
    }

    private static bool Matches(RuleWhen when, FactSpan s) => when.Kind == s.Kind && when.Kind switch
    {
        "case" => when.Categories?.Contains(s.Category) == true
            && (when.States is not { Count: > 0 } || when.States.Contains(s.State))
            && (when.Disease is null || when.Disease == s.Detail),
        "flag" => when.Flags?.Contains(s.Category) == true,
        _ => true,
    };

    private static ColourReason? Apply(ColourRule rule, int version, DateTimeOffset start, DateTimeOffset? end, string? endState, FactSpan fact, DateTimeOffset now)
    {
        if (start > now)
        {
            return null;
        }

        ReasonWords Words(string shape, CodeColour colour, DateTimeOffset at, DateTimeOffset? until) =>
            new(shape, colour, at, until, rule.NameZh, rule.NameEn, fact.Kind, fact.Category, fact.Detail, fact.State);
        if (end is null || end > now)
        {
            return new ColourReason(rule.Id, version, ToCode(rule.Colour), Words(ReasonWords.Lasting, ToCode(rule.Colour), start, null),
                fact.Kind, fact.SourceRef, start, end);
        }

        var steps = endState is not null && rule.AfterByEndState?.TryGetValue(endState, out var special) == true ? special : rule.After ?? [];
        var t = end.Value;
        foreach (var step in steps)
        {
            var until = t.AddDays(step.Days);
            if (now < until)
            {
                var colour = ToCode(step.Colour);
                return new ColourReason(rule.Id, version, colour, Words(ReasonWords.Step, colour, end.Value, until), fact.Kind, fact.SourceRef, t, until);
            }

            t = until;
        }

        return null;
    }

    /// <summary>Declarations as spans: symptoms from a symptomatic declaration until the next healthy one; stays in a risk area.</summary>
    private static IEnumerable<FactSpan> DeclarationSpans(ColourRuleSet set, IReadOnlyList<Declaration> declarations, DateTimeOffset now)
    {
        FactSpan? open = null;
        foreach (var d in declarations.OrderBy(d => d.DeclaredAt))
        {
            var sick = d.Fever || d.Symptoms.Length > 0;
            if (sick && open is null)
            {
                var what = string.Join(", ", new[] { d.Fever ? "fever" : "" }.Concat(d.Symptoms.Split(',', StringSplitOptions.RemoveEmptyEntries)).Where(x => x.Length > 0));
                open = new FactSpan("symptoms", d.Id, "", "", what, "", d.DeclaredAt, null, null, "declaration:" + d.Id);
            }
            else if (!sick && open is not null)
            {
                yield return open with { End = d.DeclaredAt };
                open = null;
            }

            if (d.TravelRegion.Length > 0 && InRiskArea(set, d) is { } area)
            {
                var start = d.TravelFrom is { } from ? DistrictTime.StartOfDay(from) : d.DeclaredAt;
                var end = d.TravelTo is { } to ? DistrictTime.StartOfDay(to.AddDays(1)) : d.DeclaredAt;
                yield return new FactSpan("travel", d.Id, "", "", $"{d.TravelRegion}（{area.NameZh}）", "", start, end > now ? null : end, null, "declaration:" + d.Id);
            }
        }

        if (open is not null)
        {
            yield return open;
        }
    }

    private static RiskArea? InRiskArea(ColourRuleSet set, Declaration d) => set.RiskAreas?.FirstOrDefault(a =>
        (a.Code is { Length: > 0 } code && d.TravelRegionCode is { } rc && rc.StartsWith(code, StringComparison.Ordinal))
        || (a.NameZh.Length > 0 && d.TravelRegion.Contains(a.NameZh, StringComparison.Ordinal))
        || (a.NameEn is { Length: > 0 } en && d.TravelRegion.Contains(en, StringComparison.OrdinalIgnoreCase)));

    public static CodeColour ToCode(RuleColour c) => c switch
    {
        RuleColour.Red => CodeColour.Red,
        RuleColour.Yellow => CodeColour.Yellow,
        _ => CodeColour.Green,
    };
}
