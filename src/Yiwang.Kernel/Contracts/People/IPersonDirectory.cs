using Yiwang.Kernel.Access;

namespace Yiwang.Kernel.Contracts.People;

/// <summary>What other modules may know of a person in the registry: never the full identity number or phone.</summary>
/// <param name="Id">The person (after following merges: always the surviving person).</param>
/// <param name="Name">Name as registered.</param>
/// <param name="IdNumberMasked">Identity number masked for display (or empty when unknown).</param>
/// <param name="PhoneMasked">Phone masked for display (or empty).</param>
/// <param name="CommunityCode">12-digit community/village code, empty when unknown.</param>
/// <param name="StreetCode">9-digit street/township code, empty when unknown.</param>
/// <param name="HouseholdId">The household, when known.</param>
/// <param name="Address">Address as registered.</param>
/// <param name="ActiveFlags">Active flags (ConfirmedCase, CloseContact, ElderlyAlone, Disabled, LowIncome, …).</param>
public sealed record PersonSummary(
    Guid Id, string Name, string IdNumberMasked, string PhoneMasked, string CommunityCode, string StreetCode,
    Guid? HouseholdId, string Address, IReadOnlyList<string> ActiveFlags);

/// <summary>
/// The People module's read surface for other modules (epidemic, screening, supplies, health codes). Lookups are
/// not scope-filtered except <see cref="SearchAsync"/>: callers check the person's community against the user's
/// scope before showing anything.
/// </summary>
public interface IPersonDirectory
{
    Task<PersonSummary?> FindAsync(Guid personId, CancellationToken ct);

    Task<PersonSummary?> FindByIdNumberAsync(string idNumber, CancellationToken ct);

    Task<IReadOnlyDictionary<Guid, PersonSummary>> FindManyAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct);

    /// <summary>Persons in a household (for supplies: who lives there, who is vulnerable).</summary>
    Task<IReadOnlyList<PersonSummary>> HouseholdAsync(Guid householdId, CancellationToken ct);

    /// <summary>Search inside a scope as the people list does (identity-number suffix, phone, name prefix or address), at most <paramref name="limit"/> rows.</summary>
    Task<IReadOnlyList<PersonSummary>> SearchAsync(AccessScope scope, string query, int limit, CancellationToken ct);

    /// <summary>
    /// Real-name check (实名认证): the person registered with this identity number whose name and phone also match
    /// (phones compared by their digits), else null. The answer never tells which field differed.
    /// </summary>
    Task<Guid?> MatchIdentityAsync(string idNumber, string name, string phone, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> residents (not merged away) with an identity number and a phone, by identity number:
    /// those of <paramref name="communityCode"/>, or of the whole registry when it is null or empty. For demo seeding.
    /// </summary>
    Task<IReadOnlyList<Guid>> FirstResidentsWithPhoneAsync(string? communityCode, int limit, CancellationToken ct);
}
