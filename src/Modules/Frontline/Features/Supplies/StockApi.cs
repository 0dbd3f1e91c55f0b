using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>
/// Scarce stock (masks, medicine) held by units: the district records receipts from outside, each unit allocates
/// to its direct children only, communities hand it to households (see <see cref="DeliverSupplies"/>).
/// Every movement is an append-only ledger entry; balances move in the same transaction under a version check.
/// </summary>
internal static class StockApi
{
    internal sealed record ReceiptBody(string? Item, string? Name, long? Quantity, string? Reference, string? Note);

    internal sealed record AllocationBody(string? From, string? To, string? Item, string? Name, long? Quantity, string? Note);

    internal sealed record BalanceView(string UnitCode, string? UnitName, string Item, string Name, long Quantity);

    internal sealed record UnitView(string Code, string Name, string Level);

    /// <summary>A unit and its direct children, with every balance they hold.</summary>
    internal sealed record StockView(UnitView Unit, IReadOnlyList<UnitView> Children, IReadOnlyList<BalanceView> Balances);

    internal sealed record EntryView(
        Guid Id, Guid TransferId, string Kind, string UnitCode, string Item, string Name, long Quantity,
        string? CounterpartUnit, string? Reference, string? Note, DateTimeOffset At, string By);

    internal sealed record Moved(Guid TransferId, IReadOnlyList<BalanceView> Balances);

    public const long MaxQuantity = 10_000_000;

    public static RouteGroupBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/supplies/stock").WithTags("Supplies / 物资保障");
        g.MapGet("/", async (string? unit, FrontlineContext c, CancellationToken ct) =>
            (await GetAsync(unit, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapGet("/ledger", async (string? unit, int? page, int? pageSize, FrontlineContext c, CancellationToken ct) =>
            (await LedgerAsync(unit, page, pageSize, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/receipts", async (ReceiptBody body, FrontlineContext c, CancellationToken ct) =>
            (await ReceiveAsync(body, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/allocations", async (AllocationBody body, FrontlineContext c, CancellationToken ct) =>
            (await AllocateAsync(body, c, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        return g;
    }

    /// <summary>Balances of <paramref name="unit"/> (default: the caller's own unit) and its direct children.</summary>
    internal static async Task<Result<StockView>> GetAsync(string? unit, FrontlineContext c, CancellationToken ct)
    {
        var (db, user, dir) = (c.Db, c.User, c.Directory);
        var code = string.IsNullOrWhiteSpace(unit) ? user.Scope.Code : unit.Trim();
        var u = user.Scope.Contains(code) ? await dir.FindAsync(code, ct) : null;
        if (u is null)
        {
            return NoUnit();
        }

        var children = await dir.ChildrenAsync(u.Code, ct);
        var codes = children.Select(c => c.Code).Append(u.Code).ToArray();
        var names = children.Append(u).ToDictionary(c => c.Code, c => c.Name);
        var balances = await db.Set<StockBalance>().AsNoTracking().Where(b => codes.Contains(b.UnitCode)).ToListAsync(ct);
        return new StockView(
            View(u), [.. children.Select(View)],
            [.. balances.OrderBy(b => b.UnitCode.Length).ThenBy(b => b.UnitCode, StringComparer.Ordinal).ThenBy(b => b.Item).ThenBy(b => b.Name, StringComparer.Ordinal)
                .Select(b => new BalanceView(b.UnitCode, names.GetValueOrDefault(b.UnitCode), b.Item.ToString(), b.Name, b.Quantity))]);
    }

    /// <summary>One unit's ledger, newest first, paged.</summary>
    internal static async Task<Result<Page<EntryView>>> LedgerAsync(string? unit, int? page, int? pageSize, FrontlineContext c, CancellationToken ct)
    {
        var (db, user) = (c.Db, c.User);
        var code = string.IsNullOrWhiteSpace(unit) ? user.Scope.Code : unit.Trim();
        if (!user.Scope.Contains(code))
        {
            return NoUnit();
        }

        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<StockEntry>().AsNoTracking().Where(e => e.UnitCode == code);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        return new Page<EntryView>(
            [.. rows.Select(e => new EntryView(e.Id, e.TransferId, e.Kind.ToString(), e.UnitCode, e.Item.ToString(), e.Name, e.Quantity,
                e.CounterpartUnit, e.Reference, e.Note, e.At, e.By))],
            total, p.Number, p.Size);
    }

    /// <summary>Stock arriving from outside the district (a shipment, a donation), recorded by the district only.</summary>
    internal static async Task<Result<Moved>> ReceiveAsync(ReceiptBody body, FrontlineContext c, CancellationToken ct)
    {
        var (db, user, dir, clock) = (c.Db, c.User, c.Directory, c.Clock);
        var errors = new FieldErrors();
        var (item, name) = CheckItem(body.Item, body.Name, body.Quantity, errors);
        errors.PlainText("reference", body.Reference, 64, required: true);
        errors.PlainText("note", body.Note, 200, required: false);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (user.Scope.Level != JurisdictionLevel.District || user.Scope == AccessScope.None)
        {
            return Refusal.Forbidden(FrontlineText.Of("Refusal_ReceiptsDistrictOnly"));
        }

        var district = user.Scope.Code;
        return await StockLedger.RetryAsync<Result<Moved>>(db, async () =>
        {
            var now = clock.GetUtcNow();
            var transfer = Guid.CreateVersion7(now);
            var entry = new StockEntry
            {
                Id = Guid.CreateVersion7(now), TransferId = transfer, Kind = StockEntryKind.Receipt, UnitCode = district,
                Item = item, Name = name, Quantity = body.Quantity!.Value, Reference = body.Reference!.Trim(),
                Note = Clean(body.Note), At = now, By = user.Actor,
            };
            await StockLedger.PostAsync(db, [entry], now, ct);
            await db.SaveChangesAsync(ct);
            return new Moved(transfer, await BalancesAsync(db, dir, [district], item, name, ct));
        }, () => SupplyItems.Busy());
    }

    /// <summary>
    /// Moves stock from a unit (default: the caller's own) to one of its direct children: never sideways, upwards
    /// or outside the caller's scope, never below zero. Two entries, one transfer id, both balances, one transaction.
    /// </summary>
    internal static async Task<Result<Moved>> AllocateAsync(AllocationBody body, FrontlineContext c, CancellationToken ct)
    {
        var (db, user, dir, clock) = (c.Db, c.User, c.Directory, c.Clock);
        var errors = new FieldErrors();
        var (item, name) = CheckItem(body.Item, body.Name, body.Quantity, errors);
        errors.PlainText("note", body.Note, 200, required: false);
        if (string.IsNullOrWhiteSpace(body.To))
        {
            errors.Add("to", FrontlineText.Of("Field_ChooseReceiver"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var fromCode = string.IsNullOrWhiteSpace(body.From) ? user.Scope.Code : body.From.Trim();
        var from = user.Scope.Contains(fromCode) ? await dir.FindAsync(fromCode, ct) : null;
        if (from is null)
        {
            return NoUnit();
        }

        var to = await dir.FindAsync(body.To!.Trim(), ct);
        if (to is null || to.ParentCode != from.Code)
        {
            return Refusal.BadRequest(FrontlineText.Of("Refusal_NotDirectChild", from.Name, from.Code), "not-direct-child");
        }

        return await StockLedger.RetryAsync<Result<Moved>>(db, async () =>
        {
            var now = clock.GetUtcNow();
            var transfer = Guid.CreateVersion7(now);
            var note = Clean(body.Note);
            var qty = body.Quantity!.Value;
            StockEntry Entry(StockEntryKind kind, string unit, string other, long q) => new()
            {
                Id = Guid.CreateVersion7(now), TransferId = transfer, Kind = kind, UnitCode = unit, CounterpartUnit = other,
                Item = item, Name = name, Quantity = q, Note = note, At = now, By = user.Actor,
            };
            var shortfall = await StockLedger.PostAsync(db,
                [Entry(StockEntryKind.AllocationOut, from.Code, to.Code, -qty), Entry(StockEntryKind.AllocationIn, to.Code, from.Code, qty)], now, ct);
            if (shortfall is not null)
            {
                db.ChangeTracker.Clear();
                return SupplyItems.InsufficientStock(shortfall, from.Name);
            }

            await db.SaveChangesAsync(ct);
            return new Moved(transfer, await BalancesAsync(db, dir, [from.Code, to.Code], item, name, ct));
        }, () => SupplyItems.Busy());
    }

    /// <summary>Stock items are the scarce ones; medicine has a name, masks none; a positive quantity.</summary>
    private static (SupplyItem Item, string Name) CheckItem(string? itemText, string? nameText, long? quantity, FieldErrors errors)
    {
        var name = nameText?.Trim() ?? "";
        if (!SupplyItems.TryParse(itemText, out var item) || !item.IsScarce())
        {
            errors.Add("item", FrontlineText.Of("Field_StockItems"));
        }
        else if (item == SupplyItem.Medicine)
        {
            errors.PlainText("name", nameText, 50, required: true);
        }
        else if (name.Length > 0)
        {
            errors.Add("name", FrontlineText.Of("Field_MasksNoName"));
        }

        if (quantity is not (>= 1 and <= MaxQuantity))
        {
            errors.Add("quantity", FrontlineText.Of("Field_QuantityRange", MaxQuantity));
        }

        return (item, name);
    }

    private static async Task<IReadOnlyList<BalanceView>> BalancesAsync(
        YiwangDbContext db, JurisdictionDirectory dir, string[] units, SupplyItem item, string name, CancellationToken ct)
    {
        var rows = await db.Set<StockBalance>().AsNoTracking().Where(b => units.Contains(b.UnitCode) && b.Item == item && b.Name == name).ToListAsync(ct);
        var list = new List<BalanceView>();
        foreach (var b in rows.OrderBy(b => b.UnitCode, StringComparer.Ordinal))
        {
            list.Add(new BalanceView(b.UnitCode, (await dir.FindAsync(b.UnitCode, ct))?.Name, b.Item.ToString(), b.Name, b.Quantity));
        }

        return list;
    }

    private static UnitView View(JurisdictionUnit u) => new(u.Code, u.Name, u.Level.ToString());

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static Refusal NoUnit() => Refusal.NotFound(FrontlineText.Of("Refusal_UnitNotInScope"));
}
