using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>
/// Scarce stock (masks, medicine) held by units: the district records receipts from outside, each unit allocates
/// to its direct children only, communities hand it to households (see <see cref="SupplyRequestsApi"/>).
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
        g.MapGet("/", GetAsync).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapGet("/ledger", LedgerAsync).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/receipts", ReceiveAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/allocations", AllocateAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        return g;
    }

    /// <summary>Balances of <paramref name="unit"/> (default: the caller's own unit) and its direct children.</summary>
    internal static async Task<Results<Ok<StockView>, ProblemHttpResult>> GetAsync(
        string? unit, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, CancellationToken ct)
    {
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
        return TypedResults.Ok(new StockView(
            View(u), [.. children.Select(View)],
            [.. balances.OrderBy(b => b.UnitCode.Length).ThenBy(b => b.UnitCode, StringComparer.Ordinal).ThenBy(b => b.Item).ThenBy(b => b.Name, StringComparer.Ordinal)
                .Select(b => new BalanceView(b.UnitCode, names.GetValueOrDefault(b.UnitCode), b.Item.ToString(), b.Name, b.Quantity))]));
    }

    /// <summary>One unit's ledger, newest first, paged.</summary>
    internal static async Task<Results<Ok<Page<EntryView>>, ProblemHttpResult>> LedgerAsync(
        string? unit, int? page, int? pageSize, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(unit) ? user.Scope.Code : unit.Trim();
        if (!user.Scope.Contains(code))
        {
            return NoUnit();
        }

        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<StockEntry>().AsNoTracking().Where(e => e.UnitCode == code);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        return TypedResults.Ok(new Page<EntryView>(
            [.. rows.Select(e => new EntryView(e.Id, e.TransferId, e.Kind.ToString(), e.UnitCode, e.Item.ToString(), e.Name, e.Quantity,
                e.CounterpartUnit, e.Reference, e.Note, e.At, e.By))],
            total, p.Number, p.Size));
    }

    /// <summary>Stock arriving from outside the district (a shipment, a donation), recorded by the district only.</summary>
    internal static async Task<Results<Ok<Moved>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        ReceiptBody body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (item, name) = CheckItem(body.Item, body.Name, body.Quantity, errors);
        errors.PlainText("reference", body.Reference, 64, required: true);
        errors.PlainText("note", body.Note, 200, required: false);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (user.Scope.Level != JurisdictionLevel.District || user.Scope == AccessScope.None)
        {
            return Problems.Forbidden("只有区级可以登记外部来货，街道和社区的库存由上级调拨", "Only the district records receipts; townships and communities receive allocations");
        }

        var district = user.Scope.Code;
        return await StockLedger.RetryAsync<Results<Ok<Moved>, ValidationProblem, ProblemHttpResult>>(db, async () =>
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
            return TypedResults.Ok(new Moved(transfer, await BalancesAsync(db, dir, [district], item, name, ct)));
        }, () => SupplyText.Busy());
    }

    /// <summary>
    /// Moves stock from a unit (default: the caller's own) to one of its direct children: never sideways, upwards
    /// or outside the caller's scope, never below zero. Two entries, one transfer id, both balances, one transaction.
    /// </summary>
    internal static async Task<Results<Ok<Moved>, ValidationProblem, ProblemHttpResult>> AllocateAsync(
        AllocationBody body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (item, name) = CheckItem(body.Item, body.Name, body.Quantity, errors);
        errors.PlainText("note", body.Note, 200, required: false);
        if (string.IsNullOrWhiteSpace(body.To))
        {
            errors.Add("to", "请选择接收单位", "Choose the receiving unit");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
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
            return Problems.Status(400,
                $"只能调拨给{from.Name}的直接下级单位，不能平级、向上或跨辖区调拨",
                $"Stock goes only to a direct child unit of {from.Code}: never sideways, upwards or outside the jurisdiction",
                "not-direct-child");
        }

        return await StockLedger.RetryAsync<Results<Ok<Moved>, ValidationProblem, ProblemHttpResult>>(db, async () =>
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
                return SupplyText.InsufficientStock(shortfall, from.Name);
            }

            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new Moved(transfer, await BalancesAsync(db, dir, [from.Code, to.Code], item, name, ct)));
        }, () => SupplyText.Busy());
    }

    /// <summary>Stock items are the scarce ones; medicine has a name, masks none; a positive quantity.</summary>
    private static (SupplyItem Item, string Name) CheckItem(string? itemText, string? nameText, long? quantity, FieldErrors errors)
    {
        var name = nameText?.Trim() ?? "";
        if (!SupplyText.TryParseItem(itemText, out var item) || !item.IsScarce())
        {
            errors.Add("item", "库存只管理口罩（masks）和药品（medicine）", "Stock is kept for masks and medicine only");
        }
        else if (item == SupplyItem.Medicine)
        {
            errors.PlainText("name", nameText, 50, required: true);
        }
        else if (name.Length > 0)
        {
            errors.Add("name", "口罩不需要名称", "Masks take no name");
        }

        if (quantity is not (>= 1 and <= MaxQuantity))
        {
            errors.Add("quantity", $"数量应在 1 到 {MaxQuantity} 之间", $"A quantity is between 1 and {MaxQuantity}");
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

    private static ProblemHttpResult NoUnit() => Problems.NotFound("该单位不存在或不在您的辖区内", "No such unit in your jurisdiction");
}
