using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>The demo account <c>citizen</c> gets a real seeded resident so it shows a code at once. Only with
/// <c>Yiwang:Seed:DemoAccounts</c>; an account already bound stays as it is.</summary>
internal sealed class DemoCitizenSeeder : IReferenceDataSeeder
{
    public const string UserName = "citizen";
    public const string Community = "420116001001";

    public async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        if (!services.GetRequiredService<IConfiguration>().GetValue("Yiwang:Seed:DemoAccounts", true))
        {
            return;
        }

        var db = services.GetRequiredService<YiwangDbContext>();
        var links = services.GetRequiredService<CitizenLinks>();
        if (!await db.Users.AnyAsync(u => u.UserName == UserName, ct) || await links.PersonOfAsync(db, UserName, ct) is not null)
        {
            return;
        }

        var people = services.GetRequiredService<IPersonDirectory>();
        var candidates = await people.FirstResidentsWithPhoneAsync(Community, 20, ct);
        if (candidates.Count == 0)
        {
            candidates = await people.FirstResidentsWithPhoneAsync(null, 20, ct);
        }

        foreach (var person in candidates)
        {
            if (!await CitizenLinks.PersonBoundAsync(db, person, ct))
            {
                CitizenLinks.Add(db, UserName, person, services.GetRequiredService<TimeProvider>().GetUtcNow());
                await db.SaveChangesAsync(ct);
                return;
            }
        }
    }
}
