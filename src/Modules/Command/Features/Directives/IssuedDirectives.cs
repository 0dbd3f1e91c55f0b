using Microsoft.EntityFrameworkCore;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features.Directives;

internal sealed record IssuedRow(
    Guid Id, string Title, DateTimeOffset IssuedAt, DateTimeOffset? MeetingAt, int Recipients, int Read, int Acknowledged);

/// <summary>What the caller's unit issued, newest first, with how many units have read and acknowledged.</summary>
internal static class IssuedDirectives
{
    public static async Task<Result<Page<IssuedRow>>> HandleAsync(int? page, int? pageSize, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var unit = user.Scope == AccessScope.None ? "-" : user.Scope.Code;
        var query = db.Set<Directive>().AsNoTracking().Where(d => d.IssuerUnitCode == unit);
        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(d => d.IssuedAt).ThenByDescending(d => d.Id).Skip(p.Skip).Take(p.Size)
            .Select(d => new IssuedRow(d.Id, d.Title, d.IssuedAt, d.MeetingAt, d.RecipientCount,
                db.Set<DirectiveRecipient>().Count(r => r.DirectiveId == d.Id && r.ReadAt != null),
                db.Set<DirectiveRecipient>().Count(r => r.DirectiveId == d.Id && r.AcknowledgedAt != null)))
            .ToListAsync(ct);
        return new Page<IssuedRow>(rows, total, p.Number, p.Size);
    }
}
