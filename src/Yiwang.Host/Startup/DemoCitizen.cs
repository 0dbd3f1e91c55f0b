using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Features.Citizens;
using Yiwang.Kernel.Data;

namespace Yiwang.Host.Startup;

/// <summary>
/// Binds the demo account <c>citizen</c> to a real seeded resident, so it shows a health code at once: the first resident
/// (by identity number) of 光荣居委会 with a phone, or of the district when that community has none. Idempotent: an
/// account already bound stays as it is.
/// </summary>
internal static class DemoCitizen
{
    public const string UserName = "citizen";
    public const string Community = "420116001001";

    public static async Task<Guid?> EnsureLinkedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<YiwangDbContext>();
        var links = sp.GetRequiredService<CitizenLinks>();
        if (!await db.Users.AnyAsync(u => u.UserName == UserName, ct))
        {
            return null;
        }

        if (await links.PersonOfAsync(db, UserName, ct) is { } linked)
        {
            return linked;
        }

        var candidates = await People.PeopleModule.ResidentsWithPhoneAsync(db, Community, 20, ct);
        foreach (var person in candidates)
        {
            if (!await CitizenLinks.PersonBoundAsync(db, person, ct))
            {
                CitizenLinks.Add(db, UserName, person, sp.GetRequiredService<TimeProvider>().GetUtcNow());
                await db.SaveChangesAsync(ct);
                return person;
            }
        }

        return null;
    }
}
