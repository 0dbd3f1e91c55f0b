using Yiwang.Kernel.Identity;
using Yiwang.People.Generation;

namespace Yiwang.People.Domain;

/// <summary>A resident of the district as the registry knows them.</summary>
internal sealed class Person
{
    public Guid Id { get; set; }

    public Guid? HouseholdId { get; set; }

    /// <summary>18-digit resident identity number (GB 11643), validated; shown masked unless unmasked with a reason.
    /// Null for a person known only from a record without one (a fever-clinic walk-in) until resolved.</summary>
    public string? IdNumber { get; set; }

    /// <summary>Last four characters of the identity number: what people search by, without unmasking.</summary>
    public string? IdSuffix { get; set; }

    public string Name { get; set; } = "";

    public Sex? Sex { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Phone { get; set; }

    public string Address { get; set; } = "";

    /// <summary>12-digit NBS code of the community/village the person lives in.</summary>
    public string CommunityCode { get; set; } = "";

    /// <summary>9-digit NBS code of the street/township, kept beside the community for scope filters.</summary>
    public string StreetCode { get; set; } = "";

    public HouseholdRelation Relation { get; set; }

    /// <summary>Set when a human merged this person into another (reversible); merged persons are hidden.</summary>
    public Guid? MergedIntoId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
