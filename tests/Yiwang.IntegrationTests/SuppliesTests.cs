using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Frontline.Domain.Supplies;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;
using Yiwang.People.Intake;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Residents' supplies end to end: requests with household priority, the community's queue, fulfilment with
/// partial deliveries drawing on stock, and the stock ledger (receipts, allocations down the tree, refusals,
/// concurrency, the balance invariant). Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class SuppliesTests(YiwangFactory factory)
{
    private const string District = "420116";
    private const string Qianchuan = "420116001";
    private const string Guangrong = "420116001001";
    private const string Wuhu = "420116013";

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    /// <summary>A medicine nobody has touched yet: its balances start at zero in every unit.</summary>
    private static string FreshMedicine() => "测试药" + Guid.NewGuid().ToString("N")[..8];

    private static Task<HttpResponseMessage> ReceiveAsync(HttpClient c, string item, string name, long qty) =>
        c.PostJsonAsync("/api/supplies/stock/receipts", new { item, name, quantity = qty, reference = "WH-" + Guid.NewGuid().ToString("N")[..6] });

    private static Task<HttpResponseMessage> AllocateAsync(HttpClient c, string? from, string to, string item, string name, long qty) =>
        c.PostJsonAsync("/api/supplies/stock/allocations", new { from, to, item, name, quantity = qty });

    private Task<long> BalanceAsync(string unit, string name) => WithDbAsync(db =>
        db.Set<StockBalance>().Where(b => b.UnitCode == unit && b.Item == SupplyItem.Medicine && b.Name == name).Select(b => b.Quantity).FirstOrDefaultAsync());

    private Task<int> EntryCountAsync() => WithDbAsync(db => db.Set<StockEntry>().CountAsync());

    private Task<long> AuditCountAsync() => WithDbAsync(db => db.AuditEntries.LongCountAsync());

    /// <summary>A resident of the community (persons with a household first), not the one given.</summary>
    private Task<Person> ResidentAsync(string community, Guid? not = null) => WithDbAsync(db =>
        db.Set<Person>().AsNoTracking().Where(p => p.CommunityCode == community && p.MergedIntoId == null && p.Id != not)
            .OrderBy(p => p.HouseholdId == null).ThenBy(p => p.Id).FirstAsync());

    /// <summary>A community of 前川街道 with at least two households in the demo population, and two of them.</summary>
    private Task<(string Community, Guid A, Guid B)> TwoHouseholdsAsync() => WithDbAsync(async db =>
    {
        var rows = await db.Set<Person>().AsNoTracking()
            .Where(p => p.StreetCode == Qianchuan && p.HouseholdId != null && p.MergedIntoId == null)
            .Select(p => new { p.CommunityCode, p.HouseholdId, p.Id }).ToListAsync();
        var g = rows.GroupBy(r => r.CommunityCode).First(g => g.Select(r => r.HouseholdId).Distinct().Count() >= 2);
        var heads = g.GroupBy(r => r.HouseholdId).Take(2).Select(h => h.First().Id).ToList();
        return (g.Key, heads[0], heads[1]);
    });

    private Task FlagAsync(Guid personId, PersonFlagKind kind) => WithDbAsync(async db =>
    {
        db.Add(new PersonFlag { Id = Guid.NewGuid(), PersonId = personId, Kind = kind, SourceRecordId = Guid.NewGuid(), Active = true, UpdatedAt = DateTimeOffset.UtcNow });
        return await db.SaveChangesAsync();
    });

    private static async Task<JsonElement> CreateRequestAsync(HttpClient c, Guid personId, params object[] items) =>
        await Http.JsonAsync(await c.PostJsonAsync("/api/supplies/requests", new { personId, items, note = "请放门口" }));

    private static async Task<List<string>> QueueAsync(HttpClient c, string community)
    {
        var page = await Http.JsonAsync(await c.GetAsync($"/api/supplies/requests?community={community}&pageSize=200"));
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    /// <summary>District → 前川街道 → 光荣居委会, so that the community holds <paramref name="qty"/> of a fresh medicine.</summary>
    private async Task<string> StockGuangrongAsync(long qty)
    {
        var name = FreshMedicine();
        var commander = await F.LoginAsync("commander");
        await Http.JsonAsync(await ReceiveAsync(commander, "medicine", name, qty));
        await Http.JsonAsync(await AllocateAsync(commander, null, Qianchuan, "medicine", name, qty));
        var qianchuan = await F.LoginAsync("qianchuan");
        await Http.JsonAsync(await AllocateAsync(qianchuan, null, Guangrong, "medicine", name, qty));
        return name;
    }

    [Fact]
    public async Task A_request_is_accepted_then_delivered_in_parts_drawing_on_the_communitys_stock()
    {
        var medicine = await StockGuangrongAsync(6);
        var worker = await F.LoginAsync("guangrong");
        var person = await ResidentAsync(Guangrong);
        var created = await CreateRequestAsync(worker, person.Id,
            new { item = "rice", quantity = 2 }, new { item = "medicine", name = medicine, quantity = 5 });
        var id = created.GetProperty("id").GetString();
        Assert.Equal("Requested", created.GetProperty("status").GetString());
        Assert.Equal(Guangrong, created.GetProperty("communityCode").GetString());
        Assert.Equal(person.HouseholdId?.ToString(), created.GetProperty("householdId").GetString());
        Assert.Contains(id, await QueueAsync(worker, Guangrong));

        // Delivering before accepting is refused.
        var early = await Http.ProblemAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/deliver",
            new { deliveredBy = "志愿者李四", lines = new[] { new { lineNo = 1, quantity = 2 } } }), HttpStatusCode.Conflict);
        Assert.Equal("illegal-transition", early.GetProperty("code").GetString());

        var accepted = await Http.JsonAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/accept", new { }));
        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());
        await Http.ProblemAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/accept", new { }), HttpStatusCode.Conflict);

        // Part one: all the rice, 3 of 5 medicine.
        var partial = await Http.JsonAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/deliver", new
        {
            deliveredBy = "志愿者李四",
            lines = new[] { new { lineNo = 1, quantity = 2 }, new { lineNo = 2, quantity = 3 } },
        }));
        Assert.Equal("PartiallyDelivered", partial.GetProperty("status").GetString());
        Assert.Equal(3, partial.GetProperty("lines")[1].GetProperty("delivered").GetInt32());
        Assert.Equal(3, await BalanceAsync(Guangrong, medicine));
        Assert.Contains(id, await QueueAsync(worker, Guangrong));

        // More than requested is refused with nothing written.
        var over = await Http.ProblemAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/deliver", new
        {
            deliveredBy = "志愿者李四",
            lines = new[] { new { lineNo = 2, quantity = 3 } },
        }), HttpStatusCode.BadRequest);
        Assert.True(over.GetProperty("errors").TryGetProperty("lines[2]", out _));
        Assert.Equal(3, await BalanceAsync(Guangrong, medicine));

        var done = await Http.JsonAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/deliver", new
        {
            deliveredBy = "网格员王五",
            lines = new[] { new { lineNo = 2, quantity = 2 } },
        }));
        Assert.Equal("Delivered", done.GetProperty("status").GetString());
        Assert.Equal(1, await BalanceAsync(Guangrong, medicine));
        Assert.DoesNotContain(id, await QueueAsync(worker, Guangrong));

        var detail = await Http.JsonAsync(await worker.GetAsync($"/api/supplies/requests/{id}"));
        var deliveries = detail.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.Equal("志愿者李四", deliveries[0].GetProperty("deliveredBy").GetString());
        Assert.Equal("guangrong", deliveries[1].GetProperty("recordedBy").GetString());
        Assert.Equal("guangrong", detail.GetProperty("closedBy").GetString());

        // The community's ledger shows the two deliveries against this request.
        var ledger = await Http.JsonAsync(await worker.GetAsync($"/api/supplies/stock/ledger?unit={Guangrong}&pageSize=200"));
        var mine = ledger.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("name").GetString() == medicine).ToList();
        Assert.Equal([-2L, -3L, 6L], mine.Select(e => e.GetProperty("quantity").GetInt64()));
        Assert.All(mine.Take(2), e => Assert.Equal(id, e.GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task Vulnerable_households_come_first_then_the_oldest_request()
    {
        var (community, normalHead, urgentHead) = await TwoHouseholdsAsync();
        var household = await WithDbAsync(db => db.Set<Person>().Where(p => p.Id == urgentHead).Select(p => p.HouseholdId).SingleAsync());
        var member = await WithDbAsync(db => db.Set<Person>().Where(p => p.HouseholdId == household).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());
        await FlagAsync(member, PersonFlagKind.ElderlyAlone);
        await FlagAsync(urgentHead, PersonFlagKind.CloseContact);

        var qianchuan = await F.LoginAsync("qianchuan");
        var normal1 = (await CreateRequestAsync(qianchuan, normalHead, new { item = "vegetables", quantity = 3 })).GetProperty("id").GetString();
        var urgent = await CreateRequestAsync(qianchuan, urgentHead, new { item = "oil", quantity = 1 });
        var normal2 = (await CreateRequestAsync(qianchuan, normalHead, new { item = "rice", quantity = 1 })).GetProperty("id").GetString();
        Assert.Equal(2, urgent.GetProperty("priority").GetInt32());
        var reasons = urgent.GetProperty("priorityReasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("ElderlyAlone", reasons);
        Assert.Contains("CloseContact", reasons);

        var queue = await QueueAsync(qianchuan, community);
        var urgentId = urgent.GetProperty("id").GetString();
        Assert.True(queue.IndexOf(urgentId!) < queue.IndexOf(normal1!), "urgent before the older normal request");
        Assert.True(queue.IndexOf(normal1!) < queue.IndexOf(normal2!), "older first among equals");

        // The household picker shows the same priority before anything is requested.
        var name = await WithDbAsync(db => db.Set<Person>().Where(p => p.Id == urgentHead).Select(p => p.Name).SingleAsync());
        var found = await Http.JsonAsync(await qianchuan.GetAsync($"/api/supplies/households?q={Uri.EscapeDataString(name)}"));
        var hit = found.EnumerateArray().Single(h => h.GetProperty("personId").GetString() == urgentHead.ToString());
        Assert.Equal(2, hit.GetProperty("priority").GetInt32());

        // The dashboard figure counts open requests per community of 前川街道 from the same rows.
        await using var scope = F.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var source = scope.ServiceProvider.GetServices<IUnitFigureSource>().Single(s => s.Definitions.Any(d => d.Figure == "frontline.supplies-outstanding"));
        var figures = await source.CountAsync(db, Qianchuan, 12, CancellationToken.None);
        var expected = await db.Set<SupplyRequest>().CountAsync(r => r.IsOpen && r.CommunityCode == community);
        Assert.Equal(expected, figures.Single(f => f.UnitCode == community).Value);
        var townships = await source.CountAsync(db, District, 9, CancellationToken.None);
        Assert.Equal(await db.Set<SupplyRequest>().CountAsync(r => r.IsOpen && r.StreetCode == Qianchuan), townships.Single(f => f.UnitCode == Qianchuan).Value);
    }

    [Fact]
    public async Task Requests_are_refused_with_a_reason_and_bad_requests_write_nothing()
    {
        var worker = await F.LoginAsync("guangrong");
        var person = await ResidentAsync(Guangrong);
        var entries = await AuditCountAsync();
        var bad = await Http.ProblemAsync(await worker.PostJsonAsync("/api/supplies/requests",
            new { personId = person.Id, items = new object[] { new { item = "medicine", quantity = 1 }, new { item = "gold", quantity = 1 } } }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("items[0].name", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("items[1]", out _));
        Assert.Equal(entries, await AuditCountAsync());

        var id = (await CreateRequestAsync(worker, person.Id, new { item = "masks", quantity = 20 })).GetProperty("id").GetString();
        await Http.ProblemAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/refuse", new { reason = "" }), HttpStatusCode.BadRequest);
        var refused = await Http.JsonAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/refuse", new { reason = "已由子女送达" }));
        Assert.Equal("Refused", refused.GetProperty("status").GetString());
        var detail = await Http.JsonAsync(await worker.GetAsync($"/api/supplies/requests/{id}"));
        Assert.Equal("已由子女送达", detail.GetProperty("refusalReason").GetString());
        var again = await Http.ProblemAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/accept", new { }), HttpStatusCode.Conflict);
        Assert.Equal("illegal-transition", again.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Delivering_scarce_items_without_stock_is_refused_and_nothing_is_written()
    {
        var medicine = await StockGuangrongAsync(2);
        var worker = await F.LoginAsync("guangrong");
        var person = await ResidentAsync(Guangrong);
        var id = (await CreateRequestAsync(worker, person.Id, new { item = "rice", quantity = 1 }, new { item = "medicine", name = medicine, quantity = 3 }))
            .GetProperty("id").GetString();
        await Http.JsonAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/accept", new { }));
        var (entries, audit) = (await EntryCountAsync(), await AuditCountAsync());

        var refused = await Http.ProblemAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/deliver", new
        {
            deliveredBy = "志愿者李四",
            lines = new[] { new { lineNo = 1, quantity = 1 }, new { lineNo = 2, quantity = 3 } },
        }), HttpStatusCode.Conflict);
        Assert.Equal("insufficient-stock", refused.GetProperty("code").GetString());
        Assert.Contains("不足", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("holds 2", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(entries, await EntryCountAsync());
        Assert.Equal(audit, await AuditCountAsync());
        Assert.Equal(2, await BalanceAsync(Guangrong, medicine));
        var detail = await Http.JsonAsync(await worker.GetAsync($"/api/supplies/requests/{id}"));
        Assert.Equal("Accepted", detail.GetProperty("request").GetProperty("status").GetString());
        Assert.Empty(detail.GetProperty("deliveries").EnumerateArray());
        Assert.All(detail.GetProperty("request").GetProperty("lines").EnumerateArray(), l => Assert.Equal(0, l.GetProperty("delivered").GetInt32()));

        // What the community does hold can go out.
        var part = await Http.JsonAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/deliver", new
        {
            deliveredBy = "志愿者李四",
            lines = new[] { new { lineNo = 1, quantity = 1 }, new { lineNo = 2, quantity = 2 } },
        }));
        Assert.Equal("PartiallyDelivered", part.GetProperty("status").GetString());
        Assert.Equal(0, await BalanceAsync(Guangrong, medicine));
    }

    [Fact]
    public async Task Stock_is_allocated_down_the_tree_and_shown_per_unit()
    {
        var name = FreshMedicine();
        var commander = await F.LoginAsync("commander");
        var receipt = await Http.JsonAsync(await ReceiveAsync(commander, "medicine", name, 1000));
        Assert.Equal(1000, receipt.GetProperty("balances")[0].GetProperty("quantity").GetInt64());
        var moved = await Http.JsonAsync(await AllocateAsync(commander, null, Qianchuan, "medicine", name, 400));
        var transfer = moved.GetProperty("transferId").GetString();
        Assert.Equal([600L, 400L], moved.GetProperty("balances").EnumerateArray().Select(b => b.GetProperty("quantity").GetInt64()));

        var qianchuan = await F.LoginAsync("qianchuan");
        await Http.JsonAsync(await AllocateAsync(qianchuan, Qianchuan, Guangrong, "medicine", name, 150));
        // The commander may act for a unit below: 前川街道 gives to another of its communities.
        await Http.JsonAsync(await AllocateAsync(commander, Qianchuan, "420116001002", "medicine", name, 50));

        var view = await Http.JsonAsync(await qianchuan.GetAsync("/api/supplies/stock"));
        Assert.Equal(Qianchuan, view.GetProperty("unit").GetProperty("code").GetString());
        Assert.True(view.GetProperty("children").GetArrayLength() > 10);
        var mine = view.GetProperty("balances").EnumerateArray().Where(b => b.GetProperty("name").GetString() == name)
            .ToDictionary(b => b.GetProperty("unitCode").GetString()!, b => b.GetProperty("quantity").GetInt64());
        Assert.Equal(new Dictionary<string, long> { [Qianchuan] = 200, [Guangrong] = 150, ["420116001002"] = 50 }, mine);

        // One transfer = two entries: − at the giver, + at the receiver.
        var pair = await WithDbAsync(db => db.Set<StockEntry>().Where(e => e.TransferId == Guid.Parse(transfer!)).ToListAsync());
        Assert.Equal(2, pair.Count);
        Assert.Equal(0, pair.Sum(e => e.Quantity));
        Assert.Contains(pair, e => e is { Kind: StockEntryKind.AllocationOut, UnitCode: District, Quantity: -400, CounterpartUnit: Qianchuan });
        Assert.Contains(pair, e => e is { Kind: StockEntryKind.AllocationIn, UnitCode: Qianchuan, Quantity: 400, CounterpartUnit: District });

        var ledger = await Http.JsonAsync(await qianchuan.GetAsync($"/api/supplies/stock/ledger?unit={Qianchuan}&pageSize=2"));
        Assert.Equal(2, ledger.GetProperty("items").GetArrayLength());
        Assert.True(ledger.GetProperty("total").GetInt64() >= 3);
    }

    [Fact]
    public async Task Allocations_sideways_upwards_skipping_a_level_or_outside_scope_are_refused_with_nothing_written()
    {
        var name = FreshMedicine();
        var commander = await F.LoginAsync("commander");
        await Http.JsonAsync(await ReceiveAsync(commander, "medicine", name, 100));
        await Http.JsonAsync(await AllocateAsync(commander, null, Qianchuan, "medicine", name, 100));
        var qianchuan = await F.LoginAsync("qianchuan");
        await Http.JsonAsync(await AllocateAsync(qianchuan, null, Guangrong, "medicine", name, 10));
        var guangrong = await F.LoginAsync("guangrong");
        var wuhu = await F.LoginAsync("wuhu");
        var (entries, audit) = (await EntryCountAsync(), await AuditCountAsync());

        async Task RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
        {
            var p = await Http.ProblemAsync(response, status);
            Assert.Equal(code, p.GetProperty("code").GetString());
            Assert.Contains(" / ", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await RefusedAsync(await AllocateAsync(qianchuan, null, Wuhu, "medicine", name, 1), HttpStatusCode.BadRequest, "not-direct-child");
        await RefusedAsync(await AllocateAsync(qianchuan, null, District, "medicine", name, 1), HttpStatusCode.BadRequest, "not-direct-child");
        await RefusedAsync(await AllocateAsync(guangrong, null, Qianchuan, "medicine", name, 1), HttpStatusCode.BadRequest, "not-direct-child");
        await RefusedAsync(await AllocateAsync(guangrong, null, "420116001002", "medicine", name, 1), HttpStatusCode.BadRequest, "not-direct-child");
        await RefusedAsync(await AllocateAsync(commander, District, Guangrong, "medicine", name, 1), HttpStatusCode.BadRequest, "not-direct-child");
        await RefusedAsync(await AllocateAsync(commander, Qianchuan, Qianchuan, "medicine", name, 1), HttpStatusCode.BadRequest, "not-direct-child");
        await RefusedAsync(await AllocateAsync(qianchuan, District, Wuhu, "medicine", name, 1), HttpStatusCode.NotFound, "not-found");
        await RefusedAsync(await AllocateAsync(wuhu, Qianchuan, Guangrong, "medicine", name, 1), HttpStatusCode.NotFound, "not-found");
        await RefusedAsync(await ReceiveAsync(qianchuan, "medicine", name, 1), HttpStatusCode.Forbidden, "forbidden");
        await Http.ProblemAsync(await AllocateAsync(qianchuan, null, Guangrong, "rice", "", 1), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await AllocateAsync(qianchuan, null, Guangrong, "medicine", name, 0), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/supplies/stock?unit={Qianchuan}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/supplies/stock/ledger?unit={Guangrong}"), HttpStatusCode.NotFound);

        Assert.Equal(entries, await EntryCountAsync());
        Assert.Equal(audit, await AuditCountAsync());
        Assert.Equal(90, await BalanceAsync(Qianchuan, name));
        Assert.Equal(10, await BalanceAsync(Guangrong, name));
    }

    [Fact]
    public async Task An_allocation_that_would_go_negative_is_refused_with_nothing_written()
    {
        var name = FreshMedicine();
        var commander = await F.LoginAsync("commander");
        await Http.JsonAsync(await ReceiveAsync(commander, "medicine", name, 5));
        var (entries, audit) = (await EntryCountAsync(), await AuditCountAsync());

        var p = await Http.ProblemAsync(await AllocateAsync(commander, null, Qianchuan, "medicine", name, 6), HttpStatusCode.Conflict);
        Assert.Equal("insufficient-stock", p.GetProperty("code").GetString());
        Assert.Contains("库存为 5", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("holds 5", p.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A unit that never held the item cannot give it either.
        var none = await Http.ProblemAsync(await AllocateAsync(await F.LoginAsync("qianchuan"), null, Guangrong, "medicine", name, 1), HttpStatusCode.Conflict);
        Assert.Equal("insufficient-stock", none.GetProperty("code").GetString());

        Assert.Equal(entries, await EntryCountAsync());
        Assert.Equal(audit, await AuditCountAsync());
        Assert.Equal(5, await BalanceAsync(District, name));
        Assert.Equal(0, await BalanceAsync(Qianchuan, name));
        Assert.False(await WithDbAsync(db => db.Set<StockBalance>().AnyAsync(b => b.UnitCode == Qianchuan && b.Name == name)));
    }

    [Fact]
    public async Task Two_concurrent_allocations_that_together_overdraw_cannot_both_pass()
    {
        var commander = await F.LoginAsync("commander");
        var other = await F.LoginAsync("commander");
        for (var round = 0; round < 3; round++)
        {
            var name = FreshMedicine();
            await Http.JsonAsync(await ReceiveAsync(commander, "medicine", name, 100));
            var results = await Task.WhenAll(
                AllocateAsync(commander, null, Qianchuan, "medicine", name, 60),
                AllocateAsync(other, null, Wuhu, "medicine", name, 60));
            Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
            var loser = results.Single(r => r.StatusCode != HttpStatusCode.OK);
            var p = await Http.ProblemAsync(loser, HttpStatusCode.Conflict);
            Assert.Equal("insufficient-stock", p.GetProperty("code").GetString());
            Assert.Equal(40, await BalanceAsync(District, name));
            Assert.Equal(60, await BalanceAsync(Qianchuan, name) + await BalanceAsync(Wuhu, name));
        }

        // Many at once: 100 in 30s, exactly three pass.
        var many = FreshMedicine();
        await Http.JsonAsync(await ReceiveAsync(commander, "medicine", many, 100));
        var clients = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => F.LoginAsync("commander")));
        var all = await Task.WhenAll(clients.Select(c => AllocateAsync(c, null, Qianchuan, "medicine", many, 30)));
        Assert.Equal(3, all.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(10, await BalanceAsync(District, many));
        Assert.Equal(90, await BalanceAsync(Qianchuan, many));
    }

    [Fact]
    public async Task A_balance_read_before_a_concurrent_allocation_cannot_be_saved_over_it()
    {
        var name = FreshMedicine();
        var commander = await F.LoginAsync("commander");
        await Http.JsonAsync(await ReceiveAsync(commander, "medicine", name, 100));

        await using var scope = F.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var stale = await db.Set<StockBalance>().SingleAsync(b => b.UnitCode == District && b.Name == name);
        await Http.JsonAsync(await AllocateAsync(commander, null, Qianchuan, "medicine", name, 70));

        stale.Quantity -= 70;
        stale.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Equal(30, await BalanceAsync(District, name));
    }

    [Fact]
    public async Task The_ledger_always_balances()
    {
        // Some movement of every kind first (the other tests of this class add more).
        var medicine = await StockGuangrongAsync(10);
        var commander = await F.LoginAsync("commander");
        await Http.JsonAsync(await ReceiveAsync(commander, "masks", "", 500));
        await Http.JsonAsync(await AllocateAsync(commander, null, Qianchuan, "masks", "", 200));
        var worker = await F.LoginAsync("guangrong");
        var person = await ResidentAsync(Guangrong);
        var id = (await CreateRequestAsync(worker, person.Id, new { item = "medicine", name = medicine, quantity = 4 })).GetProperty("id").GetString();
        await Http.JsonAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/accept", new { }));
        await Http.JsonAsync(await worker.PostJsonAsync($"/api/supplies/requests/{id}/deliver",
            new { deliveredBy = "志愿者", lines = new[] { new { lineNo = 1, quantity = 4 } } }));

        var (balances, entries) = await WithDbAsync(async db =>
            (await db.Set<StockBalance>().AsNoTracking().ToListAsync(), await db.Set<StockEntry>().AsNoTracking().ToListAsync()));
        Assert.NotEmpty(entries);

        // Per item: everything held = everything received − everything handed to households.
        foreach (var item in entries.GroupBy(e => (e.Item, e.Name)))
        {
            var held = balances.Where(b => b.Item == item.Key.Item && b.Name == item.Key.Name).Sum(b => b.Quantity);
            var received = item.Where(e => e.Kind == StockEntryKind.Receipt).Sum(e => e.Quantity);
            var delivered = -item.Where(e => e.Kind == StockEntryKind.Delivery).Sum(e => e.Quantity);
            Assert.Equal(received - delivered, held);
        }

        // Per unit and item: the balance is the sum of its entries, and never negative.
        var sums = entries.GroupBy(e => (e.UnitCode, e.Item, e.Name)).ToDictionary(g => g.Key, g => g.Sum(e => e.Quantity));
        Assert.Equal(sums.Count, balances.Count);
        Assert.All(balances, b =>
        {
            Assert.Equal(sums[(b.UnitCode, b.Item, b.Name)], b.Quantity);
            Assert.True(b.Quantity >= 0);
        });

        // Every allocation is a pair that nets to zero; receipts only at the district, deliveries only in communities.
        Assert.All(entries.Where(e => e.Kind is StockEntryKind.AllocationIn or StockEntryKind.AllocationOut).GroupBy(e => e.TransferId), g =>
        {
            Assert.Equal(2, g.Count());
            Assert.Equal(0, g.Sum(e => e.Quantity));
            var giver = g.Single(e => e.Kind == StockEntryKind.AllocationOut).UnitCode;
            var receiver = g.Single(e => e.Kind == StockEntryKind.AllocationIn).UnitCode;
            Assert.StartsWith(giver, receiver, StringComparison.Ordinal);
            Assert.Equal(giver.Length + 3, receiver.Length);
        });
        Assert.All(entries.Where(e => e.Kind == StockEntryKind.Receipt), e => Assert.Equal(District, e.UnitCode));
        Assert.All(entries.Where(e => e.Kind == StockEntryKind.Delivery), e => Assert.Equal(12, e.UnitCode.Length));
    }

    [Fact]
    public async Task Another_township_cannot_see_or_touch_a_request()
    {
        var qianchuan = await F.LoginAsync("qianchuan");
        var person = await ResidentAsync(Guangrong);
        var id = (await CreateRequestAsync(qianchuan, person.Id, new { item = "rice", quantity = 1 })).GetProperty("id").GetString();

        var wuhu = await F.LoginAsync("wuhu");
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/supplies/requests/{id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.PostJsonAsync($"/api/supplies/requests/{id}/accept", new { }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.PostJsonAsync($"/api/supplies/requests/{id}/refuse", new { reason = "不在本辖区" }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.PostJsonAsync($"/api/supplies/requests/{id}/deliver",
            new { deliveredBy = "某人", lines = new[] { new { lineNo = 1, quantity = 1 } } }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/supplies/requests?community={Guangrong}"), HttpStatusCode.NotFound);
        var page = await Http.JsonAsync(await wuhu.GetAsync("/api/supplies/requests?status=all&pageSize=200"));
        Assert.All(page.GetProperty("items").EnumerateArray(), r => Assert.StartsWith(Wuhu, r.GetProperty("communityCode").GetString(), StringComparison.Ordinal));
        // Nor file one for a resident of another township.
        await Http.ProblemAsync(await wuhu.PostJsonAsync("/api/supplies/requests",
            new { personId = person.Id, items = new[] { new { item = "rice", quantity = 1 } } }), HttpStatusCode.NotFound);
        var search = await Http.JsonAsync(await wuhu.GetAsync($"/api/supplies/households?q={Uri.EscapeDataString(person.Name)}"));
        Assert.DoesNotContain(search.EnumerateArray(), h => h.GetProperty("personId").GetString() == person.Id.ToString());

        // The request is untouched.
        var detail = await Http.JsonAsync(await qianchuan.GetAsync($"/api/supplies/requests/{id}"));
        Assert.Equal("Requested", detail.GetProperty("request").GetProperty("status").GetString());
    }
}

public sealed class SuppliesTestsOnSqlite(SqliteHost host) : SuppliesTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class SuppliesTestsOnPostgres(PostgresHost host) : SuppliesTests(host.Factory), IClassFixture<PostgresHost>;
