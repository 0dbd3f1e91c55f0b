using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features.Directives;

internal sealed record InboxRow(
    Guid Id, string Title, string IssuerUnitCode, string? IssuerUnitName, DateTimeOffset IssuedAt, DateTimeOffset? MeetingAt,
    bool Read, bool Acknowledged);

/// <summary>The caller's unit's inbox: unread first, then newest first.</summary>
internal static class DirectiveInbox
{
    public static async Task<Result<Page<InboxRow>>> HandleAsync(
        int? page, int? pageSize, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        // "-" matches no unit: an account without a scope has an empty inbox.
        var unit = user.Scope == AccessScope.None ? "-" : user.Scope.Code;
        var query = db.Set<DirectiveRecipient>().AsNoTracking().Where(r => r.UnitCode == unit);
        var total = await query.LongCountAsync(ct);
        var rows = await query
            .OrderBy(r => r.ReadAt == null ? 0 : 1).ThenByDescending(r => r.IssuedAt).ThenBy(r => r.DirectiveId)
            .Skip(p.Skip).Take(p.Size)
            .Join(db.Set<Directive>(), r => r.DirectiveId, d => d.Id, (r, d) => new { r, d })
            .ToListAsync(ct);
        var items = new List<InboxRow>(rows.Count);
        // The join does not keep the page's order, so it is restored here.
        foreach (var x in rows.OrderBy(x => x.r.ReadAt == null ? 0 : 1).ThenByDescending(x => x.r.IssuedAt).ThenBy(x => x.r.DirectiveId))
        {
            items.Add(new InboxRow(x.d.Id, x.d.Title, x.d.IssuerUnitCode, (await dir.FindAsync(x.d.IssuerUnitCode, ct))?.Name, x.d.IssuedAt,
                x.d.MeetingAt, x.r.ReadAt is not null, x.r.AcknowledgedAt is not null));
        }

        return new Page<InboxRow>(items, total, p.Number, p.Size);
    }
}
