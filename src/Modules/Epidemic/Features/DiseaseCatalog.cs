using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Data;

namespace Yiwang.Epidemic.Features;

/// <summary>Reads disease definitions (parsed once per version and cached) and seeds COVID-19.</summary>
internal sealed class DiseaseCatalog
{
    private readonly Dictionary<(string Code, int Version), DiseaseDefinition> _parsed = [];
    private readonly Lock _lock = new();

    public async Task<(Disease Row, DiseaseDefinition Definition)?> FindAsync(YiwangDbContext db, string code, CancellationToken ct)
    {
        var row = await db.Set<Disease>().AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, ct);
        return row is null ? null : (row, Parse(row));
    }

    public async Task<(Disease Row, DiseaseDefinition Definition)?> DefaultAsync(YiwangDbContext db, CancellationToken ct)
    {
        var row = await db.Set<Disease>().AsNoTracking().Where(d => d.IsDefault && d.Active).OrderBy(d => d.Code).FirstOrDefaultAsync(ct);
        return row is null ? null : (row, Parse(row));
    }

    public async Task<IReadOnlyList<(Disease Row, DiseaseDefinition Definition)>> AllAsync(YiwangDbContext db, CancellationToken ct)
    {
        var rows = await db.Set<Disease>().AsNoTracking().OrderByDescending(d => d.IsDefault).ThenBy(d => d.Code).ToListAsync(ct);
        return [.. rows.Select(r => (r, Parse(r)))];
    }

    public DiseaseDefinition Parse(Disease row)
    {
        lock (_lock)
        {
            if (!_parsed.TryGetValue((row.Code, row.Version), out var def))
            {
                def = DiseaseDefinition.FromJson(row.Definition) ?? throw new InvalidOperationException($"Disease {row.Code} has no definition");
                _parsed[(row.Code, row.Version)] = def;
            }

            return def;
        }
    }

    /// <summary>Seeds COVID-19 as the default disease when no disease exists yet.</summary>
    public static async Task EnsureDefaultsAsync(YiwangDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<Disease>().AnyAsync(ct))
        {
            return;
        }

        var def = Covid19.Definition;
        var json = def.ToJson();
        var now = clock.GetUtcNow();
        db.Add(new Disease { Code = def.Code, NameZh = def.NameZh, NameEn = def.NameEn, Definition = json, Version = 1, IsDefault = true, UpdatedAt = now, UpdatedBy = "system" });
        db.Add(new DiseaseVersion { DiseaseCode = def.Code, Version = 1, Definition = json, CreatedAt = now, CreatedBy = "system" });
        await db.SaveChangesAsync(ct);
    }
}
