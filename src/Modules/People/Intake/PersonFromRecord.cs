using Yiwang.Kernel.Identity;
using Yiwang.People.Domain;
using Yiwang.People.Generation;

namespace Yiwang.People.Intake;

/// <summary>A person created from a record, or updated by one (what each source may change).</summary>
internal static class PersonFromRecord
{
    public static Person NewPerson(IntakeRecord r, Household? household, Dictionary<string, string> communities, DateTimeOffset now)
    {
        var (sex, birth) = Derived(r);
        var community = r.CommunityCode ?? "";
        return new Person
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = household?.Id,
            IdNumber = r.IdNumber,
            IdSuffix = r.IdNumber?[^4..],
            Name = r.Name,
            Sex = sex,
            BirthDate = birth,
            Phone = r.Phone,
            Address = r.Address ?? "",
            CommunityCode = community,
            StreetCode = communities.GetValueOrDefault(community) ?? "",
            Relation = r.Relation ?? HouseholdRelation.Other,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Household registration and manual entry are authoritative for where and how to reach a person; other
    /// sources only fill what is missing. Returns whether anything changed.</summary>
    public static bool UpdateFrom(Person p, IntakeRecord r, Household? household, Dictionary<string, string> communities, bool authoritative, DateTimeOffset now)
    {
        var changed = false;
        void Set<T>(T current, T value, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                assign(value);
                changed = true;
            }
        }

        var (sex, birth) = Derived(r);
        if (sex is not null && p.Sex is null)
        {
            Set(p.Sex, sex, v => p.Sex = v);
        }

        if (birth is not null && p.BirthDate is null)
        {
            Set(p.BirthDate, birth, v => p.BirthDate = v);
        }

        if (r.Phone is not null && (authoritative || p.Phone is null))
        {
            Set(p.Phone, r.Phone, v => p.Phone = v);
        }

        if (r.Address is not null && (authoritative || p.Address.Length == 0))
        {
            Set(p.Address, r.Address, v => p.Address = v);
        }

        if (r.CommunityCode is not null && (authoritative || p.CommunityCode.Length == 0))
        {
            Set(p.CommunityCode, r.CommunityCode, v => p.CommunityCode = v);
            Set(p.StreetCode, communities.GetValueOrDefault(r.CommunityCode) ?? "", v => p.StreetCode = v);
        }

        if (authoritative && household is not null)
        {
            Set(p.HouseholdId, (Guid?)household.Id, v => p.HouseholdId = v);
        }

        if (authoritative && r.Relation is { } relation)
        {
            Set(p.Relation, relation, v => p.Relation = v);
        }

        if (changed)
        {
            p.UpdatedAt = now;
        }

        return changed;
    }

    private static (Sex? Sex, DateOnly? Birth) Derived(IntakeRecord r)
    {
        if (r.IdNumber is { } id && ResidentIdentityNumber.Validate(id, DateOnly.MaxValue) is { IsValid: true } check)
        {
            return (r.Sex ?? check.Sex, r.BirthDate ?? check.BirthDate);
        }

        return (r.Sex, r.BirthDate);
    }
}
