using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>
/// The only writer of persons' colours. Does not save: the change commits together with its cause (a new fact, a
/// declaration, an approval) or not at all. Inputs added to the context but not yet saved count.
/// </summary>
internal sealed class ColourEngine(ColourRules rules, IPersonDirectory people, TimeProvider clock)
{
    public const int DeclarationDays = 60;

    public async Task<Evaluation> ReevaluateAsync(YiwangDbContext db, Guid personId, string cause, string actor, CancellationToken ct)
    {
        var (version, set) = await rules.CurrentAsync(db, ct);
        var now = clock.GetUtcNow();
        var facts = await Tracked(db, db.Set<ColourFact>().Where(f => f.PersonId == personId), f => f.PersonId == personId, ct);
        var since = now.AddDays(-DeclarationDays);
        var declarations = await Tracked(db, db.Set<Declaration>().Where(d => d.PersonId == personId && d.DeclaredAt >= since), d => d.PersonId == personId, ct);
        var overrides = await Tracked(db, db.Set<ColourOverride>().Where(o => o.PersonId == personId && (o.Until == null || o.Until > now)), o => o.PersonId == personId, ct);
        var approved = overrides.Where(o => o.Status == OverrideStatus.Approved && o.Until > now).OrderByDescending(o => o.DecidedAt).FirstOrDefault();

        var result = ColourEvaluator.Evaluate(set, version, facts.Select(ToSpan).ToList(), declarations, approved, now);
        var row = await db.Set<PersonColour>().FirstOrDefaultAsync(c => c.PersonId == personId, ct);
        if (row is null)
        {
            if (facts.Count == 0 && declarations.Count == 0 && approved is null)
            {
                return result;
            }

            var person = await people.FindAsync(personId, ct);
            row = new PersonColour
            {
                PersonId = personId, Colour = CodeColour.Green, Since = now, CommunityCode = person?.CommunityCode ?? "", StreetCode = person?.StreetCode ?? "",
            };
            db.Add(row);
        }

        var reasonsJson = ColourBook.ReasonsJson(result.Reasons);
        if (row.Colour != result.Colour)
        {
            var byOverride = result.DecidingRule == ColourEvaluator.OverrideRule;
            var why = byOverride ? "override" : cause;
            db.Add(new ColourChange
            {
                PersonId = personId, From = row.Colour, To = result.Colour, At = now, Cause = why, RuleId = result.DecidingRule,
                RuleSetVersion = byOverride ? 0 : version, OverrideId = byOverride ? approved!.Id : null, Actor = actor, ReasonsJson = reasonsJson,
            });
            db.Audit(new AuditRecord("healthcodes.colour-change", "Person", personId.ToString(),
                $"{row.Colour} → {result.Colour}; cause {why}; rule {result.DecidingRule ?? "(none: green)"} v{version}; sources {string.Join(',', result.Reasons.Select(r => r.SourceRef).Distinct())}",
                result.Reasons.Count > 0 ? result.Reasons[0].TextZh : "no reason left"));
            row.Colour = result.Colour;
            row.Since = now;
        }

        row.ReasonsJson = reasonsJson;
        row.NextReviewAt = result.NextReviewAt;
        row.RuleSetVersion = version;
        row.EvaluatedAt = now;
        row.Version++;
        return result;
    }

    public static FactSpan ToSpan(ColourFact f) => new(
        f.Kind, f.SourceId, f.Category, f.Detail, f.State, f.StateLabel, f.Start, f.End, f.EndState,
        (f.Kind == "case" ? "case:" : "source-record:") + f.SourceId);

    /// <summary>The query's rows (tracked, so unsaved modifications count) plus rows added to the context and not saved yet.</summary>
    private static async Task<List<T>> Tracked<T>(YiwangDbContext db, IQueryable<T> query, Func<T, bool> match, CancellationToken ct)
        where T : class
    {
        var list = await query.ToListAsync(ct);
        foreach (var e in db.ChangeTracker.Entries<T>())
        {
            if (e.State == EntityState.Added && match(e.Entity) && !list.Contains(e.Entity))
            {
                list.Add(e.Entity);
            }
        }

        return list;
    }
}
