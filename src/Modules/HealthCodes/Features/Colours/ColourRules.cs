using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>
/// The rule set in force (the highest version), cached for a few seconds per host, and new versions: validated,
/// audited, and followed by re-evaluation of everyone the rules know anything about (<see cref="ColourReevaluationJob"/>).
/// </summary>
internal sealed class ColourRules(TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private (DateTimeOffset LoadedAt, int Version, ColourRuleSet Set)? _cached;

    public async Task<(int Version, ColourRuleSet Set)> CurrentAsync(YiwangDbContext db, CancellationToken ct)
    {
        if (_cached is { } c && clock.GetUtcNow() - c.LoadedAt < CacheFor)
        {
            return (c.Version, c.Set);
        }

        var row = await db.Set<ColourRuleSetRow>().AsNoTracking().OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        var set = row is null ? ColourRuleSet.Default : ColourRuleSet.Parse(row.Json).Set ?? ColourRuleSet.Default;
        var version = row?.Version ?? 0;
        _cached = (clock.GetUtcNow(), version, set);
        return (version, set);
    }

    public void Invalidate() => _cached = null;

    /// <summary>Creates version 1 from the default rules on a new database.</summary>
    public async Task EnsureAsync(YiwangDbContext db, CancellationToken ct)
    {
        if (await db.Set<ColourRuleSetRow>().AnyAsync(ct))
        {
            return;
        }

        db.Add(new ColourRuleSetRow { Version = 1, Json = ColourRuleSet.Default.ToJson(), CreatedAt = clock.GetUtcNow(), CreatedBy = "system", Reason = "默认规则 / default rules", ReevaluatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Saves a new version; <paramref name="expectedVersion"/> guards against two editors. Returns errors or the new row.</summary>
    public async Task<Result<ColourRuleSetRow>> SaveAsync(
        YiwangDbContext db, string? json, string? reason, int? expectedVersion, string actor, CancellationToken ct)
    {
        var (set, errors) = ColourRuleSet.Parse(json);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 4)
        {
            errors["reason"] = [new Text(typeof(ColoursText), "Rules_ReasonRequired")];
        }

        if (set is null || errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var current = await db.Set<ColourRuleSetRow>().MaxAsync(r => (int?)r.Version, ct) ?? 0;
        if (expectedVersion is { } v && v != current)
        {
            return Stale();
        }

        var row = new ColourRuleSetRow
        {
            Version = current + 1,
            Json = set.ToJson(),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor,
            Reason = reason!.Trim()[..Math.Min(reason.Trim().Length, 500)],
            ReevaluationTotal = await db.Set<PersonColour>().CountAsync(ct),
        };
        db.Add(row);
        db.Audit(new AuditRecord("healthcodes.rules-change", nameof(ColourRuleSetRow), row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"v{current} → v{row.Version}; {set.Rules.Count} rules: {string.Join(',', set.Rules.Select(r => r.Id))}", row.Reason));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same version number at the same moment.
            db.ChangeTracker.Clear();
            return Stale();
        }

        Invalidate();
        return row;
    }

    private static Refusal Stale() => Refusal.Conflict(new Text(typeof(ColoursText), "Refusal_RulesStale"), "stale");
}
