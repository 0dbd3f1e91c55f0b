using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>
/// Households' supply requests and their fulfilment by the community: create (a worker, for a resident found in
/// the registry), queue (urgent first, then oldest), accept, deliver (in parts; scarce items drawn from the
/// community's stock in the same transaction), refuse with a reason. Always inside the caller's scope.
/// </summary>
internal static class SupplyRequestsApi
{
    internal sealed record LineBody(string? Item, string? Name, int? Quantity);

    internal sealed record CreateBody(Guid? PersonId, IReadOnlyList<LineBody>? Items, string? Note);

    internal sealed record DeliverLineBody(int LineNo, int Quantity);

    /// <summary>What was brought; <c>Complete</c> closes the request even if less than asked was delivered.</summary>
    internal sealed record DeliverBody(string? DeliveredBy, DateTimeOffset? DeliveredAt, IReadOnlyList<DeliverLineBody>? Lines, bool? Complete);

    internal sealed record RefuseBody(string? Reason);

    internal sealed record LineView(int LineNo, string Item, string Name, int Quantity, int Delivered);

    internal sealed record RequestRow(
        Guid Id, Guid PersonId, string PersonName, string PhoneMasked, string Address, Guid? HouseholdId,
        string CommunityCode, string? CommunityName, int Priority, IReadOnlyList<string> PriorityReasons, string Status,
        DateTimeOffset CreatedAt, string CreatedBy, string Channel, string? Note, IReadOnlyList<LineView> Lines);

    internal sealed record DeliveryView(Guid Id, string DeliveredBy, DateTimeOffset DeliveredAt, string RecordedBy, IReadOnlyList<DeliverLineBody> Lines);

    internal sealed record RequestDetail(
        RequestRow Request, DateTimeOffset? AcceptedAt, string? AcceptedBy, DateTimeOffset? ClosedAt, string? ClosedBy,
        string? RefusalReason, IReadOnlyList<DeliveryView> Deliveries);

    internal sealed record HouseholdCandidate(
        Guid PersonId, string Name, string IdNumberMasked, string PhoneMasked, string Address, string CommunityCode,
        Guid? HouseholdId, int Members, int Priority, IReadOnlyList<string> PriorityReasons);

    public const int MaxLines = 10;
    public const int MaxQuantity = 1000;

    public static RouteGroupBuilder MapSupplyRequestsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/supplies").WithTags("Supplies / 物资保障");
        g.MapGet("/households", SearchHouseholdsAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapGet("/requests", ListAsync).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapGet("/requests/{id:guid}", GetAsync).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/requests", CreateAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/requests/{id:guid}/accept", AcceptAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/requests/{id:guid}/deliver", DeliverAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/requests/{id:guid}/refuse", RefuseAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        return g;
    }

    /// <summary>Residents in scope matching a name, identity-number suffix or phone, with their household's priority.</summary>
    internal static async Task<Ok<IReadOnlyList<HouseholdCandidate>>> SearchHouseholdsAsync(
        string? q, CurrentUser user, IPersonDirectory people, CancellationToken ct)
    {
        var found = string.IsNullOrWhiteSpace(q) ? [] : await people.SearchAsync(user.Scope, q, 10, ct);
        var list = new List<HouseholdCandidate>(found.Count);
        foreach (var p in found)
        {
            var members = await MembersAsync(p, people, ct);
            var (priority, reasons) = SupplyPriority.Compute(members);
            list.Add(new HouseholdCandidate(p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked, p.Address, p.CommunityCode,
                p.HouseholdId, members.Count, priority, reasons));
        }

        return TypedResults.Ok<IReadOnlyList<HouseholdCandidate>>(list);
    }

    /// <summary>The queue: <c>status=open</c> (default; urgent first, then oldest), <c>closed</c> (newest first) or <c>all</c>.</summary>
    internal static async Task<Results<Ok<Page<RequestRow>>, ProblemHttpResult>> ListAsync(
        YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir,
        string? status, string? community, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var query = db.Set<SupplyRequest>().AsNoTracking().InScope(user.Scope);
        if (!string.IsNullOrWhiteSpace(community))
        {
            if (!user.Scope.Contains(community) || community.Length != 12)
            {
                return Problems.NotFound("该社区不存在或不在您的辖区内", "No such community in your jurisdiction");
            }

            query = query.Where(r => r.CommunityCode == community);
        }

        IOrderedQueryable<SupplyRequest> ordered;
        switch (status ?? "open")
        {
            case "open":
                ordered = query.Where(r => r.IsOpen).OrderByDescending(r => r.Priority).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id);
                break;
            case "closed":
                ordered = query.Where(r => !r.IsOpen).OrderByDescending(r => r.ClosedAt).ThenBy(r => r.Id);
                break;
            case "all":
                ordered = query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id);
                break;
            default:
                return Problems.Status(400, "状态只能是 open、closed 或 all", "Status is open, closed or all", "bad-status");
        }

        var total = await ordered.LongCountAsync(ct);
        var rows = await ordered.Skip(p.Skip).Take(p.Size).Include(r => r.Lines).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(new Page<RequestRow>(await RowsAsync(rows, people, dir, ct), total, p.Number, p.Size));
    }

    internal static async Task<Results<Ok<RequestDetail>, ProblemHttpResult>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, CancellationToken ct)
    {
        var r = await db.Set<SupplyRequest>().AsNoTracking().InScope(user.Scope).Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotInScope();
        }

        var deliveries = await db.Set<SupplyDelivery>().AsNoTracking().Where(d => d.RequestId == id).Include(d => d.Lines)
            .OrderBy(d => d.DeliveredAt).ToListAsync(ct);
        var row = (await RowsAsync([r], people, dir, ct))[0];
        return TypedResults.Ok(new RequestDetail(row, r.AcceptedAt, r.AcceptedBy, r.ClosedAt, r.ClosedBy, r.RefusalReason,
            [.. deliveries.Select(d => new DeliveryView(d.Id, d.DeliveredBy, d.DeliveredAt, d.RecordedBy,
                [.. d.Lines.OrderBy(l => l.LineNo).Select(l => new DeliverLineBody(l.LineNo, l.Quantity))]))]));
    }

    /// <summary>A worker records a request for a resident of their unit; the household's priority is computed now.</summary>
    internal static async Task<Results<Created<RequestRow>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateBody body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var lines = CheckLines(body.Items, errors);
        errors.PlainText("note", body.Note, 200, required: false);
        if (body.PersonId is null)
        {
            errors.Add("personId", "请选择住户", "Choose a resident");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var person = await people.FindAsync(body.PersonId!.Value, ct);
        if (person is null || !user.Scope.Contains(person.CommunityCode))
        {
            return Problems.NotFound("该人员不存在或不在您的辖区内", "No such person in your jurisdiction");
        }

        if (person.CommunityCode.Length != 12)
        {
            return Problems.Status(400, "该人员没有登记所属社区，无法由社区配送", "The person has no registered community to deliver from", "no-community");
        }

        var members = await MembersAsync(person, people, ct);
        var request = NewRequest(person, members, lines, body.Note, "worker", user.Actor, clock.GetUtcNow());
        db.Add(request);
        await db.SaveChangesAsync(ct);
        var row = (await RowsAsync([request], people, dir, ct))[0];
        return TypedResults.Created($"/api/supplies/requests/{request.Id}", row);
    }

    /// <summary>
    /// The request itself, independent of who files it: a worker's endpoint (above) and, later, a citizen's
    /// self-service endpoint (whose person is the signed-in resident) both end here.
    /// </summary>
    internal static SupplyRequest NewRequest(
        PersonSummary person, IReadOnlyList<PersonSummary> members, IReadOnlyList<SupplyRequestLine> lines, string? note,
        string channel, string actor, DateTimeOffset now)
    {
        var (priority, reasons) = SupplyPriority.Compute(members);
        var id = Guid.CreateVersion7(now);
        foreach (var l in lines)
        {
            l.RequestId = id;
        }

        return new SupplyRequest
        {
            Id = id,
            PersonId = person.Id,
            HouseholdId = person.HouseholdId,
            CommunityCode = person.CommunityCode,
            StreetCode = person.CommunityCode[..9],
            Channel = channel,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Priority = priority,
            PriorityReasons = string.Join(',', reasons),
            Status = SupplyRequestStatus.Requested,
            IsOpen = true,
            CreatedAt = now,
            CreatedBy = actor,
            Lines = [.. lines],
        };
    }

    internal static async Task<Results<Ok<RequestRow>, ProblemHttpResult>> AcceptAsync(
        Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var r = await db.Set<SupplyRequest>().InScope(user.Scope).Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotInScope();
        }

        if (r.Status != SupplyRequestStatus.Requested)
        {
            return Illegal(r.Status, "接受", "accepted");
        }

        r.Status = SupplyRequestStatus.Accepted;
        r.AcceptedAt = clock.GetUtcNow();
        r.AcceptedBy = user.Actor;
        r.Version++;
        if (await SaveOrConflictAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok((await RowsAsync([r], people, dir, ct))[0]);
    }

    internal static async Task<Results<Ok<RequestRow>, ValidationProblem, ProblemHttpResult>> RefuseAsync(
        Guid id, RefuseBody body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", body.Reason, 200, required: true);
        if (!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Trim().Length < 2)
        {
            errors.Add("reason", "请写明拒绝的理由", "State why the request is refused");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var r = await db.Set<SupplyRequest>().InScope(user.Scope).Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotInScope();
        }

        if (!r.IsOpen)
        {
            return Illegal(r.Status, "拒绝", "refused");
        }

        Close(r, SupplyRequestStatus.Refused, user.Actor, clock.GetUtcNow());
        r.RefusalReason = body.Reason!.Trim();
        if (await SaveOrConflictAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok((await RowsAsync([r], people, dir, ct))[0]);
    }

    /// <summary>
    /// Records a delivery (possibly partial). Masks and medicine come out of the community's stock in the same
    /// transaction; if the community holds too little, the delivery is refused and nothing is written.
    /// </summary>
    internal static async Task<Results<Ok<RequestRow>, ValidationProblem, ProblemHttpResult>> DeliverAsync(
        Guid id, DeliverBody body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("deliveredBy", body.DeliveredBy, 50, required: true);
        var now = clock.GetUtcNow();
        var at = body.DeliveredAt?.ToUniversalTime() ?? now;
        if (at > now.AddMinutes(5))
        {
            errors.Add("deliveredAt", "配送时间不能在将来", "The delivery time cannot be in the future");
        }

        if (body.Lines is not { Count: > 0 } || body.Lines.All(l => l.Quantity == 0))
        {
            errors.Add("lines", "请填写送达的数量", "Enter the quantities delivered");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return await StockLedger.RetryAsync<Results<Ok<RequestRow>, ValidationProblem, ProblemHttpResult>>(
            db, async () => await DeliverOnceAsync(id, body, at, db, user, people, dir, now, ct), () => SupplyText.Busy());
    }

    private static async Task<Results<Ok<RequestRow>, ValidationProblem, ProblemHttpResult>> DeliverOnceAsync(
        Guid id, DeliverBody body, DateTimeOffset at, YiwangDbContext db, CurrentUser user, IPersonDirectory people,
        JurisdictionDirectory dir, DateTimeOffset now, CancellationToken ct)
    {
        var r = await db.Set<SupplyRequest>().InScope(user.Scope).Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotInScope();
        }

        if (r.Status is not (SupplyRequestStatus.Accepted or SupplyRequestStatus.PartiallyDelivered))
        {
            return r.Status == SupplyRequestStatus.Requested
                ? Problems.Status(409, "请先接受该需求再登记配送", "Accept the request before recording a delivery", "illegal-transition")
                : Illegal(r.Status, "配送", "delivered");
        }

        var errors = new FieldErrors();
        var byNo = r.Lines.ToDictionary(l => l.LineNo);
        foreach (var dl in body.Lines!)
        {
            var field = $"lines[{dl.LineNo}]";
            if (!byNo.TryGetValue(dl.LineNo, out var line))
            {
                errors.Add(field, "该需求没有这一行", "The request has no such line");
            }
            else if (dl.Quantity < 0)
            {
                errors.Add(field, "数量不能为负", "A quantity cannot be negative");
            }
            else if (line.Delivered + dl.Quantity > line.Quantity)
            {
                errors.Add(field, $"超过需求数量（已送 {line.Delivered}，共需 {line.Quantity}）",
                    $"More than requested ({line.Delivered} of {line.Quantity} delivered already)");
            }
        }

        if (body.Lines!.GroupBy(l => l.LineNo).Any(g => g.Count() > 1))
        {
            errors.Add("lines", "同一行只能填写一次", "Each line once only");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var delivery = new SupplyDelivery
        {
            Id = Guid.CreateVersion7(now),
            RequestId = r.Id,
            DeliveredBy = body.DeliveredBy!.Trim(),
            DeliveredAt = at,
            RecordedBy = user.Actor,
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
                    By = user.Actor,
                });
            }
        }

        if (await StockLedger.PostAsync(db, entries, now, ct) is { } shortfall)
        {
            db.ChangeTracker.Clear();
            return SupplyText.InsufficientStock(shortfall, (await dir.FindAsync(shortfall.UnitCode, ct))?.Name ?? shortfall.UnitCode);
        }

        db.Add(delivery);
        if (body.Complete == true || r.Lines.All(l => l.Delivered >= l.Quantity))
        {
            Close(r, SupplyRequestStatus.Delivered, user.Actor, now);
        }
        else
        {
            r.Status = SupplyRequestStatus.PartiallyDelivered;
            r.Version++;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await RowsAsync([r], people, dir, ct))[0]);
    }

    private static void Close(SupplyRequest r, SupplyRequestStatus status, string actor, DateTimeOffset now)
    {
        r.Status = status;
        r.IsOpen = false;
        r.ClosedAt = now;
        r.ClosedBy = actor;
        r.Version++;
    }

    private static async Task<ProblemHttpResult?> SaveOrConflictAsync(YiwangDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Problems.Status(409, "该需求刚被他人处理，请刷新后再试", "Someone else has just acted on this request; reload and try again", "concurrent-change");
        }
    }

    /// <summary>Validates the requested items: known catalogue items, names where needed, sane quantities, each once.</summary>
    internal static List<SupplyRequestLine> CheckLines(IReadOnlyList<LineBody>? items, FieldErrors errors)
    {
        var lines = new List<SupplyRequestLine>();
        if (items is not { Count: > 0 })
        {
            errors.Add("items", "请至少填写一项物资", "Request at least one item");
            return lines;
        }

        if (items.Count > MaxLines)
        {
            errors.Add("items", $"最多 {MaxLines} 项", $"{MaxLines} items at most");
            return lines;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var x = items[i];
            var field = $"items[{i}]";
            if (!SupplyText.TryParseItem(x.Item, out var item))
            {
                errors.Add(field, "未知的物资种类（rice、oil、vegetables、masks、medicine、other）",
                    "Unknown item (rice, oil, vegetables, masks, medicine, other)");
                continue;
            }

            var name = x.Name?.Trim() ?? "";
            if (item.NeedsName())
            {
                errors.PlainText(field + ".name", x.Name, 50, required: true);
            }
            else if (name.Length > 0)
            {
                errors.Add(field + ".name", "该物资不需要名称", "This item takes no name");
            }

            if (x.Quantity is not (>= 1 and <= MaxQuantity))
            {
                errors.Add(field + ".quantity", $"数量应在 1 到 {MaxQuantity} 之间", $"A quantity is between 1 and {MaxQuantity}");
            }

            if (lines.Any(l => l.Item == item && l.Name == name))
            {
                errors.Add(field, "同一物资只能填写一次", "Each item once only");
            }

            lines.Add(new SupplyRequestLine { LineNo = i + 1, Item = item, Name = name, Quantity = x.Quantity ?? 0 });
        }

        return lines;
    }

    /// <summary>Who lives in the person's household (the person alone when no household is known).</summary>
    internal static async Task<IReadOnlyList<PersonSummary>> MembersAsync(PersonSummary person, IPersonDirectory people, CancellationToken ct)
    {
        if (person.HouseholdId is not { } hid)
        {
            return [person];
        }

        var members = await people.HouseholdAsync(hid, ct);
        return members.Any(m => m.Id == person.Id) ? members : [.. members, person];
    }

    private static async Task<List<RequestRow>> RowsAsync(List<SupplyRequest> rows, IPersonDirectory people, JurisdictionDirectory dir, CancellationToken ct)
    {
        var persons = await people.FindManyAsync([.. rows.Select(r => r.PersonId)], ct);
        var list = new List<RequestRow>(rows.Count);
        foreach (var r in rows)
        {
            var p = persons.GetValueOrDefault(r.PersonId);
            list.Add(new RequestRow(
                r.Id, r.PersonId, p?.Name ?? "?", p?.PhoneMasked ?? "", p?.Address ?? "", r.HouseholdId, r.CommunityCode,
                (await dir.FindAsync(r.CommunityCode, ct))?.Name, r.Priority,
                r.PriorityReasons.Length == 0 ? [] : r.PriorityReasons.Split(','), r.Status.ToString(), r.CreatedAt, r.CreatedBy,
                r.Channel, r.Note, [.. r.Lines.OrderBy(l => l.LineNo).Select(l => new LineView(l.LineNo, l.Item.ToString(), l.Name, l.Quantity, l.Delivered))]));
        }

        return list;
    }

    private static ProblemHttpResult NotInScope() =>
        Problems.NotFound("该物资需求不存在或不在您的辖区内", "No such supply request in your jurisdiction");

    private static ProblemHttpResult Illegal(SupplyRequestStatus status, string zhAction, string enAction) =>
        Problems.Status(409, $"该需求当前状态为 {status}，不能{zhAction}", $"The request is {status} and cannot be {enAction}", "illegal-transition");
}
