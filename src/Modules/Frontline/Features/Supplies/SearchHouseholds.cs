using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>Residents in scope matching a name, identity-number suffix or phone, with their household's priority.</summary>
internal static class SearchHouseholds
{
    public static async Task<Result<IReadOnlyList<HouseholdCandidate>>> HandleAsync(string? q, FrontlineContext c, CancellationToken ct)
    {
        var found = string.IsNullOrWhiteSpace(q) ? [] : await c.People.SearchAsync(c.User.Scope, q, 10, ct);
        var list = new List<HouseholdCandidate>(found.Count);
        foreach (var p in found)
        {
            var members = await SupplyRequestRows.MembersAsync(p, c.People, ct);
            var (priority, reasons) = SupplyPriority.Compute(members);
            list.Add(new HouseholdCandidate(p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked, p.Address, p.CommunityCode,
                p.HouseholdId, members.Count, priority, reasons));
        }

        return list;
    }
}
