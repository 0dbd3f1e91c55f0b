using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>Closes an open request without delivery; the reason is kept and shown to whoever reads the request.</summary>
internal static class RefuseSupplyRequest
{
    public static async Task<Result<SupplyRequestRow>> HandleAsync(Guid id, RefusalInput body, FrontlineContext c, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", body.Reason, 200, required: true);
        if (!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Trim().Length < 2)
        {
            errors.Add("reason", FrontlineText.Of("Field_RefusalReason"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var r = await SupplyRequestRows.FindTrackedAsync(id, c, ct);
        if (r is null)
        {
            return SupplyRequestRows.NotInScope();
        }

        if (!r.IsOpen)
        {
            return SupplyRequestRows.Illegal(r.Status, "Refusal_CannotRefuse");
        }

        SupplyRequestRows.Close(r, SupplyRequestStatus.Refused, c.User.Actor, c.Clock.GetUtcNow());
        r.RefusalReason = body.Reason!.Trim();
        if (await SupplyRequestRows.SaveOrConflictAsync(c.Db, ct) is { } conflict)
        {
            return conflict;
        }

        return await SupplyRequestRows.RowAsync(r, c, ct);
    }
}
