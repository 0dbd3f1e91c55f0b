using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features.Citizens;

internal sealed record PersonCode(string Qr, CodeColour Colour, string? Rule, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Kid, string Subject, ColourState State);

/// <summary>
/// One read and one signature per code. A host's first code for a person also makes sure the <see cref="SubjectLink"/>
/// tracing needs exists; hosts remember whom they have linked (<see cref="KnownSubjects"/>), so later codes skip it.
/// </summary>
internal sealed class CodeIssuer(YiwangDbContext db, SigningKeyService keys, KnownSubjects known, IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<PersonCode> IssueForPersonAsync(Guid personId, CancellationToken ct)
    {
        ColourState state;
        var linked = known.Contains(personId);
        if (linked)
        {
            state = await ColourBook.CurrentAsync(db, personId, ct);
        }
        else
        {
            // The first code for this person on this host: whether their link exists comes back with their colour row,
            // in one round trip (after a restart nearly everyone has a link already).
            var found = await (
                from l in db.Set<SubjectLink>().AsNoTracking().Where(l => l.PersonId == personId)
                join c in db.Set<PersonColour>().AsNoTracking() on l.PersonId equals c.PersonId into colours
                from c in colours.DefaultIfEmpty()
                select new { Colour = c }).FirstOrDefaultAsync(ct);
            linked = found is not null;
            state = linked ? ColourBook.StateOf(personId, found!.Colour) : await ColourBook.CurrentAsync(db, personId, ct);
        }

        var rule = Deciding(state)?.RuleId;
        var code = await keys.IssueCodeAsync(state.Colour, personId, rule, ct);
        if (linked)
        {
            known.Add(personId);
        }
        else
        {
            await InsertLinkAsync(code.Claims.Subject, personId, ct);
        }

        return new PersonCode(code.Qr, state.Colour, rule, code.Claims.IssuedAt, code.Claims.ExpiresAt, code.Kid, code.Claims.Subject, state);
    }

    /// <summary>The reason that sets the colour: the first one giving the current colour (the engine lists the strongest first).</summary>
    public static ColourReason? Deciding(ColourState state) => state.Reasons.FirstOrDefault(r => r.Colour == state.Colour);

    /// <summary>Its own context, so nothing the caller has pending is saved with it; a second host inserting at the same
    /// moment fails on the key, which is fine once the link is there.</summary>
    private async Task InsertLinkAsync(string subject, Guid personId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var linkDb = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        linkDb.Set<SubjectLink>().Add(new SubjectLink { Subject = subject, PersonId = personId, CreatedAt = clock.GetUtcNow() });
        try
        {
            await linkDb.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            linkDb.ChangeTracker.Clear();
            if (!await linkDb.Set<SubjectLink>().AnyAsync(l => l.PersonId == personId, ct))
            {
                throw;
            }
        }

        known.Add(personId);
    }
}
