using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.People.Data;
using Yiwang.People.Generation;

namespace Yiwang.People.Features;

/// <summary>Fills the registry with a synthetic population living in the real communities.</summary>
internal static class PopulationSeeder
{
    public const int DefaultSeed = 420116;

    public static Task<bool> AnyPersonsAsync(YiwangDbContext db, CancellationToken ct) => db.Set<Domain.Person>().AnyAsync(ct);

    public static async Task<IReadOnlyList<CommunitySlot>> SlotsAsync(JurisdictionDirectory dir, CancellationToken ct)
    {
        var slots = new List<CommunitySlot>();
        foreach (var c in await dir.CommunitiesInAsync(AccessScope.District, ct))
        {
            var street = await dir.FindAsync(c.ParentCode!, ct);
            // Addresses read as people write them: 光荣社区, 李家村 — not the committee's formal name.
            var place = c.Name.Replace("居委会", "社区", StringComparison.Ordinal).Replace("村委会", "村", StringComparison.Ordinal);
            slots.Add(new CommunitySlot(c.Code, c.ParentCode!, place, street?.Name ?? "", c.Kind == "村委会"));
        }

        return slots;
    }

    /// <summary>Generates and stores <paramref name="count"/> persons in one transaction with one audit entry.</summary>
    public static async Task<long> SeedAsync(
        YiwangDbContext db, JurisdictionDirectory dir, int count, int seed, TimeProvider clock, IProgress<long>? progress, CancellationToken ct)
    {
        var slots = await SlotsAsync(dir, ct);
        if (slots.Count == 0)
        {
            throw new InvalidOperationException("No communities loaded: seed jurisdictions first. / 尚未载入行政区划。");
        }

        var now = clock.GetUtcNow();
        var households = new PopulationGenerator(seed).Generate(slots, count, DistrictTime.Today(clock));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (h, p) = await PersonBulkWriter.WriteAsync(db, households, now, progress, ct);
        await db.SaveChangesAsync(new AuditRecord("seed", "Person", null, $"generated {p} persons in {h} households, seed {seed}"), ct);
        await tx.CommitAsync(ct);
        return p;
    }
}
