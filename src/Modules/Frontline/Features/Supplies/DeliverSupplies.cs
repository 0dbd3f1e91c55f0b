using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>
/// Records a delivery (possibly partial). Masks and medicine come out of the community's stock in the same
/// transaction; if the community holds too little, the delivery is refused and nothing is written.
/// </summary>
internal static class DeliverSupplies
{
    public static async Task<Result<SupplyRequestRow>> HandleAsync(Guid id, DeliveryInput body, FrontlineContext c, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("deliveredBy", body.DeliveredBy, 50, required: true);
        var now = c.Clock.GetUtcNow();
        var at = body.DeliveredAt?.ToUniversalTime() ?? now;
        if (at > now.AddMinutes(5))
        {
            errors.Add("deliveredAt", FrontlineText.Of("Field_DeliveryInFuture"));
        }

        if (body.Lines is not { Count: > 0 } || body.Lines.All(l => l.Quantity == 0))
        {
            errors.Add("lines", FrontlineText.Of("Field_DeliveredQuantities"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return await StockLedger.RetryAsync<Result<SupplyRequestRow>>(c.Db, () => DeliverOnceAsync(id, body, at, now, c, ct), () => SupplyItems.Busy());
    }

    private static async Task<Result<SupplyRequestRow>> DeliverOnceAsync(
        Guid id, DeliveryInput body, DateTimeOffset at, DateTimeOffset now, FrontlineContext c, CancellationToken ct)
    {
        var r = await SupplyRequestRows.FindTrackedAsync(id, c, ct);
        if (r is null)
        {
            return SupplyRequestRows.NotInScope();
        }

        if (r.Status is not (SupplyRequestStatus.Accepted or SupplyRequestStatus.PartiallyDelivered))
        {
            return r.Status == SupplyRequestStatus.Requested
                ? Refusal.Conflict(FrontlineText.Of("Refusal_AcceptFirst"), "illegal-transition")
                : SupplyRequestRows.Illegal(r.Status, "Refusal_CannotDeliver");
        }

        var errors = new FieldErrors();
        var byNo = r.Lines.ToDictionary(l => l.LineNo);
        foreach (var dl in body.Lines!)
        {
            var field = $"lines[{dl.LineNo}]";
            if (!byNo.TryGetValue(dl.LineNo, out var line))
            {
                errors.Add(field, FrontlineText.Of("Field_NoSuchLine"));
            }
            else if (dl.Quantity < 0)
            {
                errors.Add(field, FrontlineText.Of("Field_NegativeQuantity"));
            }
            else if (line.Delivered + dl.Quantity > line.Quantity)
            {
                errors.Add(field, FrontlineText.Of("Field_MoreThanRequested", line.Delivered, line.Quantity));
            }
        }

        if (body.Lines!.GroupBy(l => l.LineNo).Any(g => g.Count() > 1))
        {
            errors.Add("lines", FrontlineText.Of("Field_LineOnce"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var delivery = new SupplyDelivery
        {
            Id = Guid.CreateVersion7(now),
            RequestId = r.Id,
            DeliveredBy = body.DeliveredBy!.Trim(),
            DeliveredAt = at,
            RecordedBy = c.User.Actor,
            RecordedAt = now,
        };
        var entries = new List<StockEntry>();
        foreach (var dl in body.Lines!.Where(l => l.Quantity > 0).OrderBy(l => l.LineNo))
        {
            var line = byNo[dl.LineNo];
            line.Delivered += dl.Quantity;
            delivery.Lines.Add(new SupplyDeliveryLine { DeliveryId = delivery.Id, LineNo = dl.LineNo, Quantity = dl.Quantity });
            if (line.Item.IsScarce())
            {
                entries.Add(new StockEntry
                {
                    Id = Guid.CreateVersion7(now),
                    TransferId = delivery.Id,
                    Kind = StockEntryKind.Delivery,
                    UnitCode = r.CommunityCode,
                    Item = line.Item,
                    Name = line.Name,
                    Quantity = -dl.Quantity,
                    Reference = r.Id.ToString(),
                    At = now,
                    By = c.User.Actor,
                });
            }
        }

        if (await StockLedger.PostAsync(c.Db, entries, now, ct) is { } shortfall)
        {
            c.Db.ChangeTracker.Clear();
            return SupplyItems.InsufficientStock(shortfall, (await c.Directory.FindAsync(shortfall.UnitCode, ct))?.Name ?? shortfall.UnitCode);
        }

        c.Db.Add(delivery);
        if (body.Complete == true || r.Lines.All(l => l.Delivered >= l.Quantity))
        {
            SupplyRequestRows.Close(r, SupplyRequestStatus.Delivered, c.User.Actor, now);
        }
        else
        {
            r.Status = SupplyRequestStatus.PartiallyDelivered;
            r.Version++;
        }

        await c.Db.SaveChangesAsync(ct);
        return await SupplyRequestRows.RowAsync(r, c, ct);
    }
}
