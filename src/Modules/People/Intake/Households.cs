using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;
using Yiwang.People.Generation;

namespace Yiwang.People.Intake;

/// <summary>The households an import's records name, found or created.</summary>
internal static class Households
{
    /// <summary>Households of household-registration records, by the source's household key; new ones created.</summary>
    public static async Task<(Dictionary<string, Household> All, List<Household> New)> ResolveAsync(
        YiwangDbContext db, SourceSystem source, List<IntakeRecord> records, Dictionary<string, string> communities, DateTimeOffset now, CancellationToken ct)
    {
        var all = new Dictionary<string, Household>(StringComparer.Ordinal);
        var created = new List<Household>();
        if (source.RecordType is not (RecordType.HouseholdRegistration or RecordType.ManualEntry))
        {
            return (all, created);
        }

        var keys = records.Select(r => r.HouseholdKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return (all, created);
        }

        foreach (var h in await db.Set<Household>().AsNoTracking()
            .Where(h => h.SourceSystemId == source.Id && keys.Contains(h.ExternalKey!)).ToListAsync(ct))
        {
            all[h.ExternalKey!] = h;
        }

        // The head's address and community describe the household, when the head is in the same chunk.
        foreach (var r in records.OrderBy(r => r.Relation == HouseholdRelation.Head ? 0 : 1))
        {
            if (r.HouseholdKey is null || all.ContainsKey(r.HouseholdKey))
            {
                continue;
            }

            var community = r.CommunityCode ?? "";
            var h = new Household
            {
                Id = Guid.CreateVersion7(now),
                SourceSystemId = source.Id,
                ExternalKey = r.HouseholdKey,
                CommunityCode = community,
                StreetCode = communities.GetValueOrDefault(community) ?? "",
                Address = r.Address ?? "",
            };
            all[r.HouseholdKey] = h;
            created.Add(h);
        }

        return (all, created);
    }
}
