using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>
/// Which person a citizen account is bound to (实名认证). Links are only ever added, never moved, so a link once found
/// is remembered for the life of the process: a citizen's every request after the first costs no lookup.
/// </summary>
internal sealed class CitizenLinks
{
    private readonly ConcurrentDictionary<string, Guid> _byUser = new(StringComparer.Ordinal);

    public async Task<Guid?> PersonOfAsync(YiwangDbContext db, string userName, CancellationToken ct)
    {
        if (_byUser.TryGetValue(userName, out var known))
        {
            return known;
        }

        var found = await db.Set<CitizenLink>().AsNoTracking().Where(l => l.UserName == userName)
            .Select(l => (Guid?)l.PersonId).FirstOrDefaultAsync(ct);
        if (found is { } id)
        {
            _byUser[userName] = id;
        }

        return found;
    }

    /// <summary>
    /// Adds the link to the context (the caller saves, in its transaction): one account per person and one person per
    /// account, both enforced by unique keys so two hosts binding at once cannot both succeed.
    /// </summary>
    public static void Add(YiwangDbContext db, string userName, Guid personId, DateTimeOffset now)
    {
        db.Set<CitizenLink>().Add(new CitizenLink { UserName = userName, PersonId = personId, LinkedAt = now });
        db.Audit(new AuditRecord("healthcodes.citizen-bind", nameof(CitizenLink), userName, "person " + personId));
    }

    public static Task<bool> PersonBoundAsync(YiwangDbContext db, Guid personId, CancellationToken ct) =>
        db.Set<CitizenLink>().AnyAsync(l => l.PersonId == personId, ct);

    public static Refusal NotBound() => new(403, "not-bound", new Text(typeof(CitizenText), "Refusal_NotBound"));
}
