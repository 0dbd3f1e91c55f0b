using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Domain;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Command.Features.Directives;

/// <summary>The caller's unit acknowledges (once: a second acknowledgement by anyone of the unit changes nothing).</summary>
internal static class AcknowledgeDirective
{
    public static async Task<Result<DirectiveDetail>> HandleAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var d = await GetDirective.FindVisibleAsync(db, user, id, ct);
        if (d is null)
        {
            return GetDirective.NotFound;
        }

        var mine = await db.Set<DirectiveRecipient>().FirstOrDefaultAsync(r => r.DirectiveId == id && r.UnitCode == user.Scope.Code, ct);
        if (mine is null)
        {
            return new Refusal(403, "not-addressed", CommandText.Of("Refusal.NotAddressed"));
        }

        if (mine.AcknowledgedAt is null)
        {
            var now = clock.GetUtcNow();
            mine.AcknowledgedAt = now;
            mine.AcknowledgedBy = user.Actor;
            mine.ReadAt ??= now;
            mine.ReadBy ??= user.Actor;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else of the unit acknowledged at the same moment: theirs stands.
                db.ChangeTracker.Clear();
            }
        }

        return await GetDirective.DetailAsync(d, db, user, dir, ct);
    }
}
