using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>The community takes a requested order on.</summary>
internal static class AcceptSupplyRequest
{
    public static async Task<Result<SupplyRequestRow>> HandleAsync(Guid id, FrontlineContext c, CancellationToken ct)
    {
        var r = await SupplyRequestRows.FindTrackedAsync(id, c, ct);
        if (r is null)
        {
            return SupplyRequestRows.NotInScope();
        }

        if (r.Status != SupplyRequestStatus.Requested)
        {
            return SupplyRequestRows.Illegal(r.Status, "Refusal_CannotAccept");
        }

        r.Status = SupplyRequestStatus.Accepted;
        r.AcceptedAt = c.Clock.GetUtcNow();
        r.AcceptedBy = c.User.Actor;
        r.Version++;
        if (await SupplyRequestRows.SaveOrConflictAsync(c.Db, ct) is { } conflict)
        {
            return conflict;
        }

        return await SupplyRequestRows.RowAsync(r, c, ct);
    }
}
