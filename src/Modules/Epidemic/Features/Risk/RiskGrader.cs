using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;

namespace Yiwang.Epidemic.Features.Risk;

/// <summary>
/// Counts records entering a counted state within the window from <see cref="CaseTransition"/>. A township and the
/// district take the higher of their units' highest grade and their own total's; recomputing a date updates in place.
/// </summary>
internal sealed class RiskGrader(YiwangDbContext db, DiseaseCatalog catalog, JurisdictionDirectory directory, TimeProvider clock)
{
    /// <summary>Grades of every active disease for <paramref name="date"/>; returns the rows written or changed.</summary>
    public async Task<int> ComputeAsync(DateOnly date, CancellationToken ct)
    {
        var changed = 0;
        foreach (var (row, definition) in await catalog.AllAsync(db, ct))
        {
            if (row.Active)
            {
                changed += await ComputeAsync(row, definition, date, ct);
            }
        }

        return changed;
    }

    public async Task<int> ComputeAsync(Disease disease, DiseaseDefinition definition, DateOnly date, CancellationToken ct)
    {
        var grades = await GradeAsync(disease.Code, definition, date, ct);
        var existing = await db.Set<RiskGrade>().Where(r => r.DiseaseCode == disease.Code && r.Date == date).ToDictionaryAsync(r => r.UnitCode, ct);
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var (unit, (level, count)) in grades)
        {
            if (existing.TryGetValue(unit, out var row))
            {
                if (row.Level == level && row.Count == count && row.RuleVersion == disease.Version)
                {
                    continue;
                }

                row.Level = level;
                row.Count = count;
                row.RuleVersion = disease.Version;
                row.ComputedAt = now;
            }
            else
            {
                db.Add(new RiskGrade { DiseaseCode = disease.Code, UnitCode = unit, Date = date, Level = level, Count = count, RuleVersion = disease.Version, ComputedAt = now });
            }

            changed++;
        }

        if (changed > 0)
        {
            // One audit entry per computation, not one per unit: the grades are derived from audited records.
            var levels = grades.Values.GroupBy(g => g.Level).ToDictionary(g => g.Key, g => g.Count());
            await db.SaveChangesAsync(new AuditRecord(
                "compute", nameof(RiskGrade), $"{disease.Code}/{date:yyyy-MM-dd}",
                $"{changed} grades written; high {levels.GetValueOrDefault(RiskLevel.High)}, medium {levels.GetValueOrDefault(RiskLevel.Medium)}, rule v{disease.Version}"), ct);
        }

        return changed;
    }

    /// <summary>The grade and count of every unit (district, townships, communities) for one disease and date, without storing them.</summary>
    public async Task<Dictionary<string, (RiskLevel Level, int Count)>> GradeAsync(string disease, DiseaseDefinition definition, DateOnly date, CancellationToken ct)
    {
        var rule = definition.Risk;
        var counted = definition.States.Where(s => s.Category == rule.CountCategory).Select(s => s.Code).ToList();
        var (start, end) = Window(date, rule.WindowDays);
        // Distinct records: moving inside the category (confirmed → hospitalised) is not a second entry.
        var entered = await (
                from t in db.Set<CaseTransition>().AsNoTracking()
                where counted.Contains(t.ToState) && t.At >= start && t.At < end
                join c in db.Set<EpiCase>().AsNoTracking() on t.CaseId equals c.Id
                where c.DiseaseCode == disease
                select new { c.Id, c.CommunityCode })
            .Distinct()
            .GroupBy(x => x.CommunityCode)
            .Select(g => new { Community = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var byCommunity = entered.ToDictionary(x => x.Community, x => x.Count, StringComparer.Ordinal);

        var result = new Dictionary<string, (RiskLevel, int)>(StringComparer.Ordinal);
        var districtCount = entered.Sum(x => x.Count);
        var districtLevel = Level(rule, districtCount);
        foreach (var township in await directory.ChildrenAsync(AccessScope.DistrictCode, ct))
        {
            var townshipCount = 0;
            var highest = RiskLevel.Low;
            foreach (var community in await directory.ChildrenAsync(township.Code, ct))
            {
                var n = byCommunity.GetValueOrDefault(community.Code);
                var level = Level(rule, n);
                result[community.Code] = (level, n);
                townshipCount += n;
                highest = Max(highest, level);
            }

            var own = Max(highest, Level(rule, townshipCount));
            result[township.Code] = (own, townshipCount);
            districtLevel = Max(districtLevel, own);
        }

        result[AccessScope.DistrictCode] = (districtLevel, districtCount);
        return result;
    }

    /// <summary>The window of a date: from the start of the district day <c>WindowDays - 1</c> days before to the end of the date.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(DateOnly date, int windowDays)
    {
        var end = date.AddDays(1);
        var start = end.AddDays(-windowDays);
        return (DistrictTime.StartOfDay(start), DistrictTime.StartOfDay(end));
    }

    public static RiskLevel Level(RiskRule rule, int count) =>
        count >= rule.HighAt ? RiskLevel.High : count >= rule.MediumAt ? RiskLevel.Medium : RiskLevel.Low;

    private static RiskLevel Max(RiskLevel a, RiskLevel b) => a > b ? a : b;
}
