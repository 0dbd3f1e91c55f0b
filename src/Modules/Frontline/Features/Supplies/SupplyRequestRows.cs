using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>What the supply-request handlers share: loading in scope, the rows they answer with, closing and saving.</summary>
internal static class SupplyRequestRows
{
    public static Task<SupplyRequest?> FindTrackedAsync(Guid id, FrontlineContext c, CancellationToken ct) =>
        c.Db.Set<SupplyRequest>().InScope(c.User.Scope).Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);

    /// <summary>Who lives in the person's household (the person alone when no household is known).</summary>
    public static async Task<IReadOnlyList<PersonSummary>> MembersAsync(PersonSummary person, IPersonDirectory people, CancellationToken ct)
    {
        if (person.HouseholdId is not { } hid)
        {
            return [person];
        }

        var members = await people.HouseholdAsync(hid, ct);
        return members.Any(m => m.Id == person.Id) ? members : [.. members, person];
    }

    public static async Task<List<SupplyRequestRow>> RowsAsync(List<SupplyRequest> rows, FrontlineContext c, CancellationToken ct)
    {
        var persons = await c.People.FindManyAsync([.. rows.Select(r => r.PersonId)], ct);
        var list = new List<SupplyRequestRow>(rows.Count);
        foreach (var r in rows)
        {
            var p = persons.GetValueOrDefault(r.PersonId);
            list.Add(new SupplyRequestRow(
                r.Id, r.PersonId, p?.Name ?? "?", p?.PhoneMasked ?? "", p?.Address ?? "", r.HouseholdId, r.CommunityCode,
                (await c.Directory.FindAsync(r.CommunityCode, ct))?.Name, r.Priority,
                r.PriorityReasons.Length == 0 ? [] : r.PriorityReasons.Split(','), r.Status.ToString(), r.CreatedAt, r.CreatedBy,
                r.Channel, r.Note, [.. r.Lines.OrderBy(l => l.LineNo).Select(l => new SupplyLineView(l.LineNo, l.Item.ToString(), l.Name, l.Quantity, l.Delivered))]));
        }

        return list;
    }

    public static async Task<SupplyRequestRow> RowAsync(SupplyRequest r, FrontlineContext c, CancellationToken ct) =>
        (await RowsAsync([r], c, ct))[0];

    public static void Close(SupplyRequest r, SupplyRequestStatus status, string actor, DateTimeOffset now)
    {
        r.Status = status;
        r.IsOpen = false;
        r.ClosedAt = now;
        r.ClosedBy = actor;
        r.Version++;
    }

    /// <summary>Saves a state change; the request's version makes a concurrent change by someone else a refusal.</summary>
    public static async Task<Refusal?> SaveOrConflictAsync(YiwangDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict(FrontlineText.Of("Refusal_RequestChanged"), "concurrent-change");
        }
    }

    public static Refusal NotInScope() => Refusal.NotFound(FrontlineText.Of("Refusal_RequestNotInScope"));

    /// <summary><paramref name="key"/> names the refused step: Refusal_CannotAccept, _CannotRefuse, _CannotDeliver.</summary>
    public static Refusal Illegal(SupplyRequestStatus status, string key) =>
        Refusal.Conflict(FrontlineText.Of(key, status.ToString()), "illegal-transition");
}
