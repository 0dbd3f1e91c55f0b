using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Privacy;
using Yiwang.People.Data;
using Yiwang.People.Domain;

namespace Yiwang.People.Features;

/// <summary>The registry as other modules see it: masked summaries, merges followed.</summary>
internal sealed class PersonDirectory(YiwangDbContext db, TimeProvider clock) : IPersonDirectory
{
    public async Task<PersonSummary?> FindAsync(Guid personId, CancellationToken ct)
    {
        var found = await FindManyAsync([personId], ct);
        return found.TryGetValue(personId, out var s) ? s : null;
    }

    public async Task<PersonSummary?> FindByIdNumberAsync(string idNumber, CancellationToken ct)
    {
        var check = ResidentIdentityNumber.Validate(idNumber?.Trim(), Kernel.Time.DistrictTime.Today(clock));
        if (!check.IsValid)
        {
            return null;
        }

        var number = check.Normalized!;
        var id = await db.Set<Person>().AsNoTracking().Where(p => p.IdNumber == number).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        return id is { } g ? await FindAsync(g, ct) : null;
    }

    public async Task<IReadOnlyDictionary<Guid, PersonSummary>> FindManyAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToArray();
        var rows = await db.Set<Person>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        // A merged person answers as the survivor (one hop: merges never chain, a survivor is never merged).
        var survivors = rows.Where(p => p.MergedIntoId is not null).Select(p => p.MergedIntoId!.Value).Distinct().ToArray();
        var survivorRows = survivors.Length == 0
            ? []
            : await db.Set<Person>().AsNoTracking().Where(p => survivors.Contains(p.Id)).ToListAsync(ct);
        var all = rows.Concat(survivorRows).DistinctBy(p => p.Id).ToList();
        var allIds = all.Select(p => p.Id).ToArray();
        var flags = await db.Set<PersonFlag>().AsNoTracking().Where(f => allIds.Contains(f.PersonId) && f.Active)
            .Select(f => new { f.PersonId, f.Kind }).ToListAsync(ct);
        var byId = all.ToDictionary(p => p.Id, p => Summary(p, flags.Where(f => f.PersonId == p.Id).Select(f => f.Kind.ToString())));
        var result = new Dictionary<Guid, PersonSummary>();
        foreach (var p in rows)
        {
            var target = p.MergedIntoId ?? p.Id;
            if (byId.TryGetValue(target, out var s))
            {
                result[p.Id] = s;
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<PersonSummary>> HouseholdAsync(Guid householdId, CancellationToken ct)
    {
        var ids = await db.Set<Person>().AsNoTracking().Where(p => p.HouseholdId == householdId && p.MergedIntoId == null)
            .OrderBy(p => p.Name).Select(p => p.Id).Take(100).ToListAsync(ct);
        var found = await FindManyAsync(ids, ct);
        return [.. ids.Where(found.ContainsKey).Select(i => found[i])];
    }

    public async Task<IReadOnlyList<PersonSummary>> SearchAsync(AccessScope scope, string query, int limit, CancellationToken ct)
    {
        var term = (query ?? "").Trim();
        if (term.Length is 0 or > 50)
        {
            return [];
        }

        var q = PeopleApi.Matching(db.Set<Person>().AsNoTracking().InScope(scope).Where(p => p.MergedIntoId == null), term);
        var ids = await q.OrderBy(p => p.Name).ThenBy(p => p.Id).Select(p => p.Id).Take(Math.Clamp(limit, 1, 100)).ToListAsync(ct);
        var found = await FindManyAsync(ids, ct);
        return [.. ids.Where(found.ContainsKey).Select(i => found[i])];
    }

    public async Task<Guid?> MatchIdentityAsync(string idNumber, string name, string phone, CancellationToken ct)
    {
        var check = ResidentIdentityNumber.Validate(idNumber?.Trim(), Kernel.Time.DistrictTime.Today(clock));
        var wantPhone = PhoneDigits(phone);
        if (!check.IsValid || string.IsNullOrWhiteSpace(name) || wantPhone.Length == 0)
        {
            return null;
        }

        var number = check.Normalized!;
        var row = await db.Set<Person>().AsNoTracking().Where(p => p.IdNumber == number)
            .Select(p => new { p.Id, p.Name, p.Phone, p.MergedIntoId }).FirstOrDefaultAsync(ct);
        // A merged record answers as its survivor, as every other lookup here does.
        return row is not null && string.Equals(row.Name.Trim(), name.Trim(), StringComparison.Ordinal) && PhoneDigits(row.Phone) == wantPhone
            ? row.MergedIntoId ?? row.Id
            : null;
    }

    public async Task<IReadOnlyList<Guid>> FirstResidentsWithPhoneAsync(string? communityCode, int limit, CancellationToken ct)
    {
        var residents = db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null && p.IdNumber != null && p.Phone != null);
        if (!string.IsNullOrEmpty(communityCode))
        {
            residents = residents.Where(p => p.CommunityCode == communityCode);
        }

        return await residents.OrderBy(p => p.IdNumber).Select(p => p.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>A phone as its digits (spaces, dashes, a +86 country prefix dropped), so "138-0013-8000" matches "13800138000".</summary>
    internal static string PhoneDigits(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) && (phone ?? "").TrimStart().StartsWith('+') ? digits[2..] : digits;
    }

    private static PersonSummary Summary(Person p, IEnumerable<string> flags) =>
        new(p.Id, p.Name, Masking.IdNumber(p.IdNumber), Masking.Phone(p.Phone), p.CommunityCode, p.StreetCode, p.HouseholdId,
            p.Address, [.. flags.Distinct().Order(StringComparer.Ordinal)]);
}
