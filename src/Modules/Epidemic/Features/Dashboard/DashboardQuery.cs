using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Features.Dashboard;

/// <summary>
/// Counts come from <see cref="UnitCaseCount"/> (a few hundred counter rows summed by code prefix, kept exact in the
/// transaction of every create and move), never from the records: that keeps each level within a few milliseconds at
/// district size. The API, the pages, the export and the benchmark all call this.
/// </summary>
internal sealed class DashboardQuery(YiwangDbContext db, JurisdictionDirectory directory, DiseaseCatalog catalog, IEnumerable<IUnitFigureSource> sources)
{
    internal sealed record UnitRef(string Code, string Name, string Level);

    internal sealed record StateInfo(string Code, string Category, string Zh, string En, bool Terminal);

    internal sealed record CategoryInfo(string Code, string Zh, string En);

    internal sealed record FigureInfo(string Figure, string LabelZh, string LabelEn);

    /// <summary>One unit's numbers: open records per category (terminal states excluded), records per state (all), figures.</summary>
    internal sealed record Cell(
        string Code, string Name, string Level, string Risk, int RiskCount,
        IReadOnlyDictionary<string, long> Categories, IReadOnlyDictionary<string, long> States, IReadOnlyDictionary<string, long> Figures);

    internal sealed record DashboardView(
        string Disease, string DiseaseZh, string DiseaseEn, UnitRef Unit, IReadOnlyList<UnitRef> Path, string Risk, bool AllGreen,
        DateOnly? RiskDate, long Stamp, IReadOnlyList<CategoryInfo> Categories, IReadOnlyList<StateInfo> States,
        IReadOnlyList<FigureInfo> Figures, IReadOnlyList<Cell> Children, Cell Totals);

    /// <summary>The four categories with both names: the API's clients choose, so the view carries both.</summary>
    public static readonly IReadOnlyList<CategoryInfo> CategoryNames = [.. Enum.GetValues<CaseCategory>().Select(c =>
    {
        var name = DashboardText.Of("CategoryName." + c);
        return new CategoryInfo(c.ToString(), name.Render(Text.Chinese), name.Render(Text.English));
    })];

    public async Task<(Disease Row, DiseaseDefinition Definition)?> DiseaseAsync(string? code, CancellationToken ct) =>
        code is { Length: > 0 } c ? await catalog.FindAsync(db, c, ct) : await catalog.DefaultAsync(db, ct);

    /// <summary>Null when unknown or outside the scope: a user cannot drill above or beside their unit, and is not told
    /// whether such a unit exists.</summary>
    public async Task<JurisdictionUnit?> UnitAsync(AccessScope scope, string? unit, CancellationToken ct)
    {
        var code = unit is { Length: > 0 } u ? u : scope.Code;
        return scope.Contains(code) ? await directory.FindAsync(code, ct) : null;
    }

    /// <summary>Child code length at a unit: townships under the district, communities under a township, the community itself.</summary>
    public static int ChildLength(string unitCode) => unitCode.Length == 6 ? 9 : 12;

    /// <summary>Polled every half second by an open dashboard: one index-only aggregate over the unit's counter rows,
    /// changed in the very transaction that moves a record.</summary>
    public async Task<long> StampAsync(string disease, string unitCode, CancellationToken ct)
    {
        var q = db.Set<UnitCaseCount>().AsNoTracking().Where(u => u.DiseaseCode == disease);
        if (unitCode.Length > 6)
        {
            q = q.Where(u => u.CommunityCode.StartsWith(unitCode));
        }

        return await q.MaxAsync(u => (long?)u.Stamp, ct) ?? 0;
    }

    public async Task<DashboardView> LoadAsync(JurisdictionUnit unit, AccessScope scope, Disease disease, DiseaseDefinition definition, CancellationToken ct)
    {
        var len = ChildLength(unit.Code);
        var code = unit.Code;
        IReadOnlyList<JurisdictionUnit> children = unit.Level == JurisdictionLevel.Community ? [unit] : await directory.ChildrenAsync(code, ct);

        // Counters summed by the child's code prefix (and by state): at most children × states rows come back.
        var q = db.Set<UnitCaseCount>().AsNoTracking().Where(u => u.DiseaseCode == disease.Code);
        if (code.Length > 6)
        {
            q = q.Where(u => u.CommunityCode.StartsWith(code));
        }

        var counts = await q
            .GroupBy(u => new { Unit = u.CommunityCode.Substring(0, len), u.State })
            .Select(g => new { g.Key.Unit, g.Key.State, Count = g.Sum(x => x.Count), Stamp = g.Max(x => x.Stamp) })
            .ToListAsync(ct);

        // Risk grades of the latest computed date (the job recomputes today's every ten minutes), in one query.
        var gradeCodes = children.Select(c => c.Code).Append(code).ToList();
        var gradeRows = await db.Set<RiskGrade>().AsNoTracking()
            .Where(r => r.DiseaseCode == disease.Code && gradeCodes.Contains(r.UnitCode)
                && r.Date == db.Set<RiskGrade>().Where(x => x.DiseaseCode == disease.Code).Max(x => x.Date))
            .Select(r => new { r.UnitCode, r.Date, r.Level, r.Count })
            .ToListAsync(ct);
        var riskDate = gradeRows.Count > 0 ? gradeRows[0].Date : (DateOnly?)null;
        var grades = gradeRows.ToDictionary(r => r.UnitCode, r => (r.Level, r.Count), StringComparer.Ordinal);

        var figureInfos = new List<FigureInfo>();
        var figures = new Dictionary<(string Figure, string Unit), long>();
        foreach (var source in sources)
        {
            figureInfos.AddRange(source.Definitions.Select(d => new FigureInfo(d.Figure, d.Label.Render(Text.Chinese), d.Label.Render(Text.English))));
            foreach (var f in await source.CountAsync(db, code, len, ct))
            {
                figures[(f.Figure, f.UnitCode)] = figures.GetValueOrDefault((f.Figure, f.UnitCode)) + f.Value;
            }
        }

        var states = definition.States.ToDictionary(s => s.Code, StringComparer.Ordinal);
        Cell Build(string cellCode, string name, string level, IEnumerable<(string State, long Count)> rows, Func<string, long> figure, (RiskLevel Level, int Count)? grade)
        {
            var byState = definition.States.ToDictionary(s => s.Code, _ => 0L, StringComparer.Ordinal);
            var byCategory = CategoryNames.ToDictionary(c => c.Code, _ => 0L, StringComparer.Ordinal);
            foreach (var (state, n) in rows)
            {
                byState[state] = byState.GetValueOrDefault(state) + n;
                if (states.TryGetValue(state, out var s) && !s.Terminal)
                {
                    byCategory[s.Category.ToString()] += n;
                }
            }

            return new Cell(cellCode, name, level, (grade?.Level ?? RiskLevel.Low).ToString(), grade?.Count ?? 0, byCategory, byState,
                figureInfos.ToDictionary(f => f.Figure, f => figure(f.Figure), StringComparer.Ordinal));
        }

        var byUnit = counts.ToLookup(c => c.Unit, StringComparer.Ordinal);
        var cells = children.Select(c => Build(
            c.Code, c.Name, c.Level.ToString(), byUnit[c.Code].Select(x => (x.State, x.Count)),
            f => figures.GetValueOrDefault((f, c.Code)),
            grades.TryGetValue(c.Code, out var g) ? g : null)).ToList();
        var totals = Build(
            code, unit.Name, unit.Level.ToString(), counts.Select(x => (x.State, x.Count)),
            f => figures.Where(kv => kv.Key.Figure == f).Sum(kv => kv.Value),
            grades.TryGetValue(code, out var own) ? own : null);

        var path = (await directory.PathAsync(code, ct)).Where(p => scope.Contains(p.Code))
            .Select(p => new UnitRef(p.Code, p.Name, p.Level.ToString())).ToList();
        return new DashboardView(
            disease.Code, disease.NameZh, disease.NameEn, new UnitRef(code, unit.Name, unit.Level.ToString()), path, totals.Risk,
            totals.Risk == nameof(RiskLevel.Low), riskDate, counts.Count == 0 ? 0 : counts.Max(c => c.Stamp),
            CategoryNames, [.. definition.States.Select(s => new StateInfo(s.Code, s.Category.ToString(), s.Zh, s.En, s.Terminal))],
            figureInfos, cells, totals);
    }

    internal sealed record RecordRow(Guid CaseId, Guid PersonId, string PersonName, string Category, string State, DateTimeOffset StateSince);

    /// <summary>A community's open records, newest first, with the persons' names (what its dashboard level lists).</summary>
    public async Task<IReadOnlyList<RecordRow>> RecordsAsync(string community, string disease, IPersonDirectory people, int limit, CancellationToken ct)
    {
        var rows = await db.Set<EpiCase>().AsNoTracking()
            .Where(c => c.CommunityCode == community && c.DiseaseCode == disease && !c.Closed)
            .OrderByDescending(c => c.StateSince).Take(limit)
            .Select(c => new { c.Id, c.PersonId, c.Category, c.State, c.StateSince })
            .ToListAsync(ct);
        var persons = await people.FindManyAsync([.. rows.Select(r => r.PersonId).Distinct()], ct);
        return [.. rows.Select(r => new RecordRow(
            r.Id, r.PersonId, persons.TryGetValue(r.PersonId, out var p) ? p.Name : "—", r.Category.ToString(), r.State, r.StateSince))];
    }
}
