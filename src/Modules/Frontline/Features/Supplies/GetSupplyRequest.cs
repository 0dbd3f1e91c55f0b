using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>One request with its history: who accepted and closed it, and every delivery.</summary>
internal static class GetSupplyRequest
{
    public static async Task<Result<SupplyRequestDetail>> HandleAsync(Guid id, FrontlineContext c, CancellationToken ct)
    {
        var r = await c.Db.Set<SupplyRequest>().AsNoTracking().InScope(c.User.Scope).Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return SupplyRequestRows.NotInScope();
        }

        var deliveries = await c.Db.Set<SupplyDelivery>().AsNoTracking().Where(d => d.RequestId == id).Include(d => d.Lines)
            .OrderBy(d => d.DeliveredAt).ToListAsync(ct);
        var row = (await SupplyRequestRows.RowsAsync([r], c, ct))[0];
        return new SupplyRequestDetail(row, r.AcceptedAt, r.AcceptedBy, r.ClosedAt, r.ClosedBy, r.RefusalReason,
            [.. deliveries.Select(d => new SupplyDeliveryView(d.Id, d.DeliveredBy, d.DeliveredAt, d.RecordedBy,
                [.. d.Lines.OrderBy(l => l.LineNo).Select(l => new DeliveredLine(l.LineNo, l.Quantity))]))]);
    }
}
