using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;

namespace Yiwang.People.Intake;

/// <summary>Identity resolution's fuzzy half: who a record may be when its identity number cannot say.</summary>
internal static class IdentityMatching
{
    internal sealed record Lookalike(Guid Id, string Name, DateOnly? BirthDate, string? Phone, string CommunityCode, string StreetCode);

    /// <summary>Persons sharing a name or a phone with records that carry no identity number.</summary>
    public static async Task<List<Lookalike>> LookalikesAsync(YiwangDbContext db, List<IntakeRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var names = records.Select(r => r.Name).Distinct().ToList();
        var phones = records.Select(r => r.Phone).OfType<string>().Distinct().ToList();
        return await db.Set<Person>().AsNoTracking()
            .Where(p => p.MergedIntoId == null && (names.Contains(p.Name) || (p.Phone != null && phones.Contains(p.Phone))))
            .Select(p => new Lookalike(p.Id, p.Name, p.BirthDate, p.Phone, p.CommunityCode, p.StreetCode))
            .Take(50_000)
            .ToListAsync(ct);
    }

    /// <summary>Who a record without identity number may be. Two of name, birth date and phone must agree, or birth
    /// date and phone with a name one character off (a typo). Twins share a birth date and often a phone but
    /// not a name: they come to a human, never merged automatically.</summary>
    public static IEnumerable<(Lookalike Person, string Reason)> Match(IntakeRecord r, List<Lookalike> lookalikes)
    {
        foreach (var p in lookalikes)
        {
            var name = SameName(p.Name, r.Name);
            var birth = r.BirthDate is not null && p.BirthDate == r.BirthDate;
            var phone = r.Phone is not null && p.Phone == r.Phone;
            var reason = (name, birth, phone) switch
            {
                (true, true, true) => "name+birthDate+phone",
                (true, true, false) => "name+birthDate",
                (true, false, true) => "name+phone",
                (false, true, true) when OneEditApart(p.Name, r.Name) => "birthDate+phone, name differs by one character",
                _ => null,
            };
            if (reason is not null)
            {
                yield return (p, reason);
            }
        }
    }

    public static DuplicateCandidate Candidate(
        DuplicateKind kind, Guid recordId, Guid? personId, Guid candidateId, string community, string street, string reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        SourceRecordId = recordId,
        PersonId = personId,
        CandidatePersonId = candidateId,
        Reason = reason,
        Status = DuplicateStatus.Open,
        CommunityCode = community,
        StreetCode = street,
        CreatedAt = now,
    };

    internal static bool SameName(string a, string b) =>
        string.Equals(a.Replace(" ", "", StringComparison.Ordinal), b.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    internal static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (a.Length > b.Length)
            {
                i++;
            }
            else if (a.Length < b.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }
}
