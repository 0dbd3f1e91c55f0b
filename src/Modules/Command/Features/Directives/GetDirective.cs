using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Domain;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Command.Features.Directives;

internal sealed record RecipientView(
    string UnitCode, string? UnitName, DateTimeOffset? ReadAt, string? ReadBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

internal sealed record DirectiveDetail(
    Guid Id, string Title, string Body, string IssuerUnitCode, string? IssuerUnitName, string IssuedBy, DateTimeOffset IssuedAt,
    DateTimeOffset? MeetingAt, string? MeetingLink, int RecipientCount, int ReadCount, int AcknowledgedCount,
    RecipientView? MyUnit, IReadOnlyList<RecipientView> Recipients);

/// <summary>
/// A directive for its issuer's unit or any unit it addresses inside the caller's scope, with the status of each
/// addressed unit the caller may see, pending ones first. Opening it marks the caller's unit as having read it.
/// </summary>
internal static class GetDirective
{
    public static async Task<Result<DirectiveDetail>> HandleAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var d = await FindVisibleAsync(db, user, id, ct);
        if (d is null)
        {
            return NotFound;
        }

        var unit = user.Scope.Code;
        var now = clock.GetUtcNow();
        // Bookkeeping, not a business change: the first reader of a unit wins, nothing else moves.
        await db.Set<DirectiveRecipient>().Where(r => r.DirectiveId == id && r.UnitCode == unit && r.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ReadAt, now).SetProperty(r => r.ReadBy, user.Actor), ct);
        return await DetailAsync(d, db, user, dir, ct);
    }

    public static Refusal NotFound => Refusal.NotFound(CommandText.Of("Refusal.DirectiveNotFound"));

    public static async Task<Directive?> FindVisibleAsync(YiwangDbContext db, CurrentUser user, Guid id, CancellationToken ct)
    {
        if (user.Scope == AccessScope.None)
        {
            return null;
        }

        var lo = user.Scope.Code;
        var hi = ScopeFilter.UpperBound(lo);
        return await db.Set<Directive>().AsNoTracking()
            .Where(d => d.Id == id && (d.IssuerUnitCode == lo || db.Set<DirectiveRecipient>()
#pragma warning disable CA1309 // translated to SQL >= and < on digit-only codes, never compared in .NET
                .Any(r => r.DirectiveId == d.Id && string.Compare(r.UnitCode, lo) >= 0 && string.Compare(r.UnitCode, hi) < 0)))
#pragma warning restore CA1309
            .FirstOrDefaultAsync(ct);
    }

    public static async Task<DirectiveDetail> DetailAsync(Directive d, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var lo = user.Scope.Code;
        var hi = ScopeFilter.UpperBound(lo);
        // The issuer sees every addressed unit; a unit below sees only the units of its own subtree.
        var recipients = await db.Set<DirectiveRecipient>().AsNoTracking()
#pragma warning disable CA1309 // translated to SQL >= and < on digit-only codes, never compared in .NET
            .Where(r => r.DirectiveId == d.Id && (d.IssuerUnitCode == lo || (string.Compare(r.UnitCode, lo) >= 0 && string.Compare(r.UnitCode, hi) < 0)))
#pragma warning restore CA1309
            .ToListAsync(ct);
        var views = new List<RecipientView>(recipients.Count);
        foreach (var r in recipients.OrderBy(r => r.AcknowledgedAt is null ? 0 : 1).ThenBy(r => r.UnitCode, StringComparer.Ordinal))
        {
            views.Add(new RecipientView(r.UnitCode, (await dir.FindAsync(r.UnitCode, ct))?.Name, r.ReadAt, r.ReadBy, r.AcknowledgedAt, r.AcknowledgedBy));
        }

        return new DirectiveDetail(
            d.Id, d.Title, d.Body, d.IssuerUnitCode, (await dir.FindAsync(d.IssuerUnitCode, ct))?.Name, d.IssuedBy, d.IssuedAt, d.MeetingAt,
            d.MeetingLink, views.Count, views.Count(v => v.ReadAt is not null), views.Count(v => v.AcknowledgedAt is not null),
            views.FirstOrDefault(v => v.UnitCode == lo), views);
    }
}
