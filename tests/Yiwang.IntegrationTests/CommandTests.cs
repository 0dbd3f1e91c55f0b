using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Yiwang.Command.Domain;
using Yiwang.Command.Features.WorkOrders;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Work orders, escalation, supervision, directives and the dashboard figures of the Command module, through HTTP
/// and the module's contracts. The host's background scheduler is off: the tests run the escalation job themselves,
/// so nothing escalates behind their back. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class CommandTests(YiwangFactory factory)
{
    public static readonly IReadOnlyDictionary<string, string?> NoBackgroundJobs = new Dictionary<string, string?> { ["Yiwang:Jobs:Enabled"] = "false" };

    private const string District = "420116";
    private const string Qianchuan = "420116001";
    private const string Guangrong = "420116001001";

    protected YiwangFactory F { get; } = factory;

    private static DateTimeOffset InHours(double h) => DateTimeOffset.UtcNow.AddHours(h);

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    /// <summary>Dispatches through the contract other modules use (no HTTP: due times may be in the past), then edits the order before saving.</summary>
    private async Task<Guid> InsertAsync(string unit, DateTimeOffset due, string? key = null, Action<WorkOrder>? edit = null)
    {
        await using var scope = F.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var dispatcher = scope.ServiceProvider.GetRequiredService<IWorkOrderDispatcher>();
        var id = await dispatcher.DispatchAsync(db, new WorkOrderRequest(
            "epidemic", "monitoring-missed", key ?? Guid.NewGuid().ToString("N"), unit, "漏报随访", "Missed follow-up", due, "person", "p-1"), default);
        if (db.ChangeTracker.Entries<WorkOrder>().SingleOrDefault(e => e.Entity.Id == id)?.Entity is { } order)
        {
            edit?.Invoke(order);
        }

        await db.SaveChangesAsync();
        return id;
    }

    private static async Task<JsonElement> DispatchAsync(HttpClient c, string unit, string title = "入户核查", double hours = 4, string? key = null)
    {
        var r = await c.PostJsonAsync("/api/workorders", new { unitCode = unit, title, detail = "核查返乡人员", dueAt = InHours(hours), key });
        Assert.Equal(key is null ? HttpStatusCode.Created : r.StatusCode, r.StatusCode);
        return await Http.JsonAsync(r);
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient c, Guid id, string action, string? note = null, uint? version = null) =>
        await c.PostJsonAsync($"/api/workorders/{id}/{action}", new { note, version });

    private async Task RunEscalationAsync()
    {
        var scheduler = F.Services.GetRequiredService<JobScheduler>();
        Assert.True(await scheduler.RunNowAsync(EscalationJob.JobName, default));
    }

    [Fact]
    public async Task The_background_scheduler_is_off_for_this_class()
    {
        Assert.DoesNotContain(F.Services.GetServices<IHostedService>(), s => s is JobScheduler);
    }

    [Fact]
    public async Task A_township_dispatches_a_community_accepts_and_completes_with_history()
    {
        var township = await F.LoginAsync("qianchuan");
        var worker = await F.LoginAsync("guangrong");
        var order = await DispatchAsync(township, Guangrong);
        var id = order.GetProperty("id").GetGuid();
        Assert.Equal("Open", order.GetProperty("status").GetString());
        Assert.Equal("光荣居委会", order.GetProperty("unitName").GetString());
        Assert.Equal("qianchuan", order.GetProperty("createdBy").GetString());

        var list = await Http.JsonAsync(await worker.GetAsync("/api/workorders?status=Open"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);

        var accepted = await Http.JsonAsync(await ActAsync(worker, id, "accept"));
        Assert.Equal("InProgress", accepted.GetProperty("status").GetString());
        Assert.Equal("guangrong", accepted.GetProperty("assignedTo").GetString());

        var missingNote = await Http.ProblemAsync(await ActAsync(worker, id, "complete", "  "), HttpStatusCode.BadRequest);
        Assert.True(missingNote.GetProperty("errors").TryGetProperty("note", out _));

        var done = await Http.JsonAsync(await ActAsync(worker, id, "complete", "已入户核实，无异常"));
        Assert.Equal("Done", done.GetProperty("status").GetString());
        Assert.Equal("已入户核实，无异常", done.GetProperty("result").GetString());
        var kinds = done.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["created", "accepted", "completed"], kinds);

        var again = await Http.ProblemAsync(await ActAsync(worker, id, "complete", "再次办结"), HttpStatusCode.Conflict);
        Assert.Equal("already-done", again.GetProperty("code").GetString());
        Assert.Contains(" / ", again.GetProperty("detail").GetString());

        var page = await worker.GetStringAsync($"/workorders/{id}");
        Assert.Contains("已入户核实，无异常", page);
        Assert.Contains("workorder-events", page);
        var listPage = await worker.GetStringAsync("/workorders?status=Done");
        Assert.Contains(id.ToString(), listPage);
    }

    [Fact]
    public async Task Work_outside_ones_unit_is_invisible_and_cannot_be_touched()
    {
        var qianchuan = await F.LoginAsync("qianchuan");
        var wuhu = await F.LoginAsync("wuhu");
        var id = (await DispatchAsync(qianchuan, Qianchuan)).GetProperty("id").GetGuid();

        await Http.ProblemAsync(await wuhu.GetAsync($"/api/workorders/{id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await ActAsync(wuhu, id, "accept"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await ActAsync(wuhu, id, "complete", "办结"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await ActAsync(wuhu, id, "cancel", "撤销"), HttpStatusCode.NotFound);
        var list = await Http.JsonAsync(await wuhu.GetAsync("/api/workorders?pageSize=200"));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
        Assert.Contains("workorder-missing", await wuhu.GetStringAsync($"/workorders/{id}"));

        // Dispatching: only inside one's scope, to a real unit, in the future, with a title; community workers cannot dispatch.
        var outside = await Http.ProblemAsync(await wuhu.PostJsonAsync("/api/workorders", new { unitCode = Guangrong, title = "越界", dueAt = InHours(2) }), HttpStatusCode.Forbidden);
        Assert.Contains(" / ", outside.GetProperty("detail").GetString());
        var bad = await Http.ProblemAsync(await qianchuan.PostJsonAsync("/api/workorders", new { unitCode = "420116999999", title = "", dueAt = InHours(-1) }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.True(errors.TryGetProperty("unitCode", out _));
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("dueAt", out _));
        var worker = await F.LoginAsync("guangrong");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync("/api/workorders", new { unitCode = Guangrong, title = "x", dueAt = InHours(2) })).StatusCode);
        await Http.ProblemAsync(await qianchuan.GetAsync("/api/workorders?status=Nonsense"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Illegal_transitions_are_refused_and_change_nothing()
    {
        var township = await F.LoginAsync("qianchuan");
        var worker = await F.LoginAsync("guangrong");
        var id = (await DispatchAsync(township, Guangrong)).GetProperty("id").GetGuid();

        var early = await Http.ProblemAsync(await ActAsync(worker, id, "complete", "直接办结"), HttpStatusCode.Conflict);
        Assert.Equal("not-accepted", early.GetProperty("code").GetString());
        var notDispatcher = await Http.ProblemAsync(await ActAsync(worker, id, "cancel", "不想做"), HttpStatusCode.Forbidden);
        Assert.Contains(" / ", notDispatcher.GetProperty("detail").GetString());
        await Http.ProblemAsync(await ActAsync(township, id, "cancel"), HttpStatusCode.BadRequest);

        var cancelled = await Http.JsonAsync(await ActAsync(township, id, "cancel", "重复派单"));
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        var version = cancelled.GetProperty("version").GetUInt32();
        foreach (var (action, note) in new[] { ("complete", "办结"), ("accept", (string?)null), ("cancel", "再撤销") })
        {
            var refused = await Http.ProblemAsync(await ActAsync(township, id, action, note), HttpStatusCode.Conflict);
            Assert.Equal("cancelled", refused.GetProperty("code").GetString());
            Assert.Contains("已撤销", refused.GetProperty("detail").GetString());
        }

        var after = await Http.JsonAsync(await township.GetAsync($"/api/workorders/{id}"));
        Assert.Equal(version, after.GetProperty("version").GetUInt32());
        Assert.Equal(2, after.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task Two_workers_completing_at_once_one_wins_the_other_gets_409()
    {
        var township = await F.LoginAsync("qianchuan");
        var worker = await F.LoginAsync("guangrong");
        var id = (await DispatchAsync(township, Guangrong)).GetProperty("id").GetGuid();
        var version = (await Http.JsonAsync(await ActAsync(worker, id, "accept"))).GetProperty("version").GetUInt32();

        var responses = await Task.WhenAll(
            ActAsync(worker, id, "complete", "网格员办结", version),
            ActAsync(township, id, "complete", "街道办结", version));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("concurrent-change", (await Http.ProblemAsync(loser, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var final = await Http.JsonAsync(await township.GetAsync($"/api/workorders/{id}"));
        Assert.Single(final.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "completed");

        // Without a version from the client the database decides: two units of work that read the same row, one save wins.
        var other = await InsertAsync(Guangrong, InHours(3));
        await using var s1 = F.Services.CreateAsyncScope();
        await using var s2 = F.Services.CreateAsyncScope();
        var db1 = s1.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var db2 = s2.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var a = await db1.Set<WorkOrder>().SingleAsync(w => w.Id == other);
        var b = await db2.Set<WorkOrder>().SingleAsync(w => w.Id == other);
        (a.Status, a.AssignedTo) = (WorkOrderStatus.InProgress, "a");
        a.Version++;
        (b.Status, b.AssignedTo) = (WorkOrderStatus.InProgress, "b");
        b.Version++;
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
    }

    [Fact]
    public async Task Dispatching_the_same_module_and_key_twice_gives_the_same_order()
    {
        var key = "case-" + Guid.NewGuid().ToString("N");
        var first = await InsertAsync(Guangrong, InHours(5), key);
        var second = await InsertAsync(Guangrong, InHours(6), key);
        Assert.Equal(first, second);
        Assert.Equal(1, await WithDbAsync(db => db.Set<WorkOrder>().CountAsync(w => w.DedupKey == key)));

        // Twice in one unit of work (before saving) as well.
        await using (var scope = F.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var dispatcher = scope.ServiceProvider.GetRequiredService<IWorkOrderDispatcher>();
            var k2 = key + "-b";
            var r = new WorkOrderRequest("frontline", "returnee-verification", k2, Guangrong, "核查", "Verify", InHours(2));
            Assert.Equal(await dispatcher.DispatchAsync(db, r, default), await dispatcher.DispatchAsync(db, r, default));
            await db.SaveChangesAsync();
        }

        // Over HTTP with a client key: 201 then 200 with the same order.
        var township = await F.LoginAsync("qianchuan");
        var apiKey = "retry-" + Guid.NewGuid().ToString("N");
        var r1 = await township.PostJsonAsync("/api/workorders", new { unitCode = Guangrong, title = "重试", dueAt = InHours(2), key = apiKey });
        var r2 = await township.PostJsonAsync("/api/workorders", new { unitCode = Guangrong, title = "重试", dueAt = InHours(2), key = apiKey });
        Assert.Equal(HttpStatusCode.Created, r1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
        Assert.Equal((await Http.JsonAsync(r1)).GetProperty("id").GetGuid(), (await Http.JsonAsync(r2)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Overdue_work_escalates_one_level_per_run_with_history_and_audit()
    {
        var community = await InsertAsync("420116001002", InHours(-2));
        var township = await InsertAsync(Qianchuan, InHours(-1));
        var district = await InsertAsync(District, InHours(-3));
        var notYet = await InsertAsync("420116001002", InHours(2));
        var done = await InsertAsync("420116001002", InHours(-2), edit: w => (w.Status, w.CompletedAt) = (WorkOrderStatus.Done, DateTimeOffset.UtcNow));

        await RunEscalationAsync();
        var orders = await WithDbAsync(db => db.Set<WorkOrder>().AsNoTracking()
            .Where(w => new[] { community, township, district, notYet, done }.Contains(w.Id)).ToDictionaryAsync(w => w.Id));
        Assert.Equal((Qianchuan, "420116001002", 1), (orders[community].UnitCode, orders[community].OriginalUnitCode, orders[community].EscalationLevel));
        Assert.Equal((District, Qianchuan, 1), (orders[township].UnitCode, orders[township].OriginalUnitCode, orders[township].EscalationLevel));
        Assert.Equal((District, District, 1), (orders[district].UnitCode, orders[district].OriginalUnitCode, orders[district].EscalationLevel));
        Assert.NotNull(orders[district].EscalatedAt);
        Assert.InRange(orders[community].DueAt, InHours(23.9), InHours(24.1));
        Assert.True(orders[community].OriginalDueAt < DateTimeOffset.UtcNow);
        Assert.Equal((0, "420116001002"), (orders[notYet].EscalationLevel, orders[notYet].UnitCode));
        Assert.Equal(0, orders[done].EscalationLevel);
        var version = orders[community].Version;

        // Idempotent: a second run (or a second host) finds nothing overdue among these.
        await RunEscalationAsync();
        var again = await WithDbAsync(db => db.Set<WorkOrder>().AsNoTracking().SingleAsync(w => w.Id == community));
        Assert.Equal((1, version, Qianchuan), (again.EscalationLevel, again.Version, again.UnitCode));

        var id = community.ToString();
        var audit = await WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "escalate" && a.EntityId == id).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("system:job:" + EscalationJob.JobName, entry.Actor);

        // The township sees the escalated community order with its history; the order escalated to the district is out of its scope now.
        var qianchuan = await F.LoginAsync("qianchuan");
        var detail = await Http.JsonAsync(await qianchuan.GetAsync($"/api/workorders/{community}"));
        var escalated = Assert.Single(detail.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "escalated");
        Assert.Equal("420116001002", escalated.GetProperty("fromUnitCode").GetString());
        Assert.Equal(Qianchuan, escalated.GetProperty("toUnitCode").GetString());
        Assert.Contains("超期升级", await qianchuan.GetStringAsync($"/workorders/{community}"));
        await Http.ProblemAsync(await qianchuan.GetAsync($"/api/workorders/{township}"), HttpStatusCode.NotFound);
        var commander = await F.LoginAsync("commander");
        Assert.Equal(District, (await Http.JsonAsync(await commander.GetAsync($"/api/workorders/{township}"))).GetProperty("unitCode").GetString());
        var overdue = await Http.JsonAsync(await commander.GetAsync("/api/workorders?overdue=true&pageSize=200"));
        Assert.DoesNotContain(overdue.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == community);
    }

    [Fact]
    public async Task Supervision_ranks_units_and_the_figure_source_counts_open_and_overdue_work()
    {
        const string a = "420116001010";
        const string b = "420116001011";
        var now = DateTimeOffset.UtcNow;
        // a: one overdue, one done on time, one cancelled (not counted). b: one done late, one open and not yet due.
        await InsertAsync(a, now.AddHours(-5));
        await InsertAsync(a, now.AddHours(-5), edit: w => (w.Status, w.CompletedAt) = (WorkOrderStatus.Done, now.AddHours(-6)));
        await InsertAsync(a, now.AddHours(-5), edit: w => w.Status = WorkOrderStatus.Cancelled);
        await InsertAsync(b, now.AddHours(-5), edit: w => (w.Status, w.CompletedAt) = (WorkOrderStatus.Done, now.AddHours(-1)));
        await InsertAsync(b, now.AddHours(5), edit: w => w.Status = WorkOrderStatus.InProgress);

        var township = await F.LoginAsync("qianchuan");
        var s = await Http.JsonAsync(await township.GetAsync("/api/workorders/supervision"));
        Assert.Equal(Qianchuan, s.GetProperty("unitCode").GetString());
        var units = s.GetProperty("units").EnumerateArray().ToList();
        Assert.True(units.Count > 50, "every community of 前川街道 is ranked");
        var ra = units.Single(u => u.GetProperty("unitCode").GetString() == a);
        var rb = units.Single(u => u.GetProperty("unitCode").GetString() == b);
        Assert.Equal((1L, 1L, 1L, 2L, 1L, 2L), (ra.GetProperty("overdue").GetInt64(), ra.GetProperty("open").GetInt64(), ra.GetProperty("done").GetInt64(),
            ra.GetProperty("due").GetInt64(), ra.GetProperty("doneOnTime").GetInt64(), ra.GetProperty("total").GetInt64()));
        Assert.Equal(0.5, ra.GetProperty("completionRate").GetDouble());
        Assert.Equal((0L, 1L, 1L, 0L), (rb.GetProperty("overdue").GetInt64(), rb.GetProperty("due").GetInt64(), rb.GetProperty("done").GetInt64(), rb.GetProperty("doneOnTime").GetInt64()));
        Assert.Equal(0.0, rb.GetProperty("completionRate").GetDouble());
        Assert.True(ra.GetProperty("rank").GetInt32() < rb.GetProperty("rank").GetInt32());
        var empty = units.Last();
        Assert.Equal(0, empty.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("completionRate").ValueKind);

        var csv = await township.GetAsync("/api/workorders/supervision.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("超期 Overdue", text);
        Assert.Contains(a, text);
        var xlsx = await township.GetAsync("/api/workorders/supervision.xlsx");
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        await Http.ProblemAsync(await township.GetAsync("/api/workorders/supervision.pdf"), HttpStatusCode.BadRequest);
        Assert.Contains("supervision-table", await township.GetStringAsync("/workorders/supervision"));

        var commander = await Http.JsonAsync(await (await F.LoginAsync("commander")).GetAsync("/api/workorders/supervision"));
        var townships = commander.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(20, townships.Count);
        Assert.True(townships.Single(u => u.GetProperty("unitCode").GetString() == Qianchuan).GetProperty("overdue").GetInt64() >= 1);

        var figures = await WithDbAsync(async db =>
        {
            var source = F.Services.GetServices<IUnitFigureSource>().Single(x => x.Definitions.Any(d => d.Figure == "command.overdue"));
            return (await source.CountAsync(db, Qianchuan, 12, default), await source.CountAsync(db, District, 9, default));
        });
        long Figure(IReadOnlyList<UnitFigure> list, string figure, string unit) => list.SingleOrDefault(f => f.Figure == figure && f.UnitCode == unit)?.Value ?? 0;
        Assert.Equal(1, Figure(figures.Item1, "command.overdue", a));
        Assert.Equal(1, Figure(figures.Item1, "command.open", a));
        Assert.Equal(0, Figure(figures.Item1, "command.overdue", b));
        Assert.Equal(1, Figure(figures.Item1, "command.open", b));
        Assert.All(figures.Item1, f => Assert.Equal(12, f.UnitCode.Length));
        Assert.True(Figure(figures.Item2, "command.open", Qianchuan) >= 2);
        Assert.All(figures.Item2, f => Assert.Equal(9, f.UnitCode.Length));
    }

    [Fact]
    public async Task Directives_reach_the_chosen_units_which_read_and_acknowledge_once()
    {
        var commander = await F.LoginAsync("commander");
        var meetingAt = InHours(20);
        var r = await commander.PostJsonAsync("/api/directives", new
        {
            title = "关于加强返乡人员排查的通知",
            body = "各街道：\n请于明日前完成辖区返乡人员排查。",
            townships = new[] { Qianchuan },
            includeCommunities = true,
            meetingAt,
            meetingLink = "https://meeting.example.cn/j/123456",
        });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var created = await Http.JsonAsync(r);
        var id = created.GetProperty("id").GetGuid();
        var recipients = created.GetProperty("recipientCount").GetInt32();
        Assert.True(recipients > 50, "前川街道 and its communities");
        Assert.Equal(0, created.GetProperty("readCount").GetInt32());

        // The unit's inbox shows it unread; another township never sees it.
        var qianchuan = await F.LoginAsync("qianchuan");
        var inbox = await Http.JsonAsync(await qianchuan.GetAsync("/api/directives"));
        var row = inbox.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == id);
        Assert.False(row.GetProperty("read").GetBoolean());
        var wuhu = await F.LoginAsync("wuhu");
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/directives/{id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.PostAsync($"/api/directives/{id}/acknowledge", null), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await Http.JsonAsync(await wuhu.GetAsync("/api/directives"))).GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);

        // Opening marks the unit as having read it; the township sees the status of its communities too.
        var seen = await Http.JsonAsync(await qianchuan.GetAsync($"/api/directives/{id}"));
        Assert.Equal("https://meeting.example.cn/j/123456", seen.GetProperty("meetingLink").GetString());
        Assert.Equal(recipients, seen.GetProperty("recipients").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, seen.GetProperty("myUnit").GetProperty("readAt").ValueKind);

        var ack = await Http.JsonAsync(await qianchuan.PostAsync($"/api/directives/{id}/acknowledge", null));
        var at = ack.GetProperty("myUnit").GetProperty("acknowledgedAt").GetDateTimeOffset();
        Assert.Equal("qianchuan", ack.GetProperty("myUnit").GetProperty("acknowledgedBy").GetString());
        var twice = await Http.JsonAsync(await qianchuan.PostAsync($"/api/directives/{id}/acknowledge", null));
        Assert.Equal(at, twice.GetProperty("myUnit").GetProperty("acknowledgedAt").GetDateTimeOffset());

        var worker = await F.LoginAsync("guangrong");
        var workerView = await Http.JsonAsync(await worker.PostAsync($"/api/directives/{id}/acknowledge", null));
        Assert.Equal(1, workerView.GetProperty("recipientCount").GetInt32());
        Assert.Equal("guangrong", workerView.GetProperty("myUnit").GetProperty("acknowledgedBy").GetString());

        // The issuer sees who has acknowledged and who has not yet (pending first).
        var status = await Http.JsonAsync(await commander.GetAsync($"/api/directives/{id}"));
        Assert.Equal(2, status.GetProperty("acknowledgedCount").GetInt32());
        Assert.Equal(2, status.GetProperty("readCount").GetInt32());
        var units = status.GetProperty("recipients").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, units[0].GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal(2, units.Count(u => u.GetProperty("acknowledgedAt").ValueKind != JsonValueKind.Null));
        Assert.Equal("qianchuan", units.Single(u => u.GetProperty("unitCode").GetString() == Qianchuan).GetProperty("acknowledgedBy").GetString());
        await Http.ProblemAsync(await commander.PostAsync($"/api/directives/{id}/acknowledge", null), HttpStatusCode.Forbidden);
        var issued = await Http.JsonAsync(await commander.GetAsync("/api/directives/issued"));
        var issuedRow = issued.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == id);
        Assert.Equal(2, issuedRow.GetProperty("acknowledged").GetInt32());
        Assert.Contains("recipients-table", await commander.GetStringAsync($"/directives/{id}"));
    }

    [Fact]
    public async Task Inbox_lists_unread_first_and_all_units_means_every_township()
    {
        var commander = await F.LoginAsync("commander");
        var first = (await Http.JsonAsync(await commander.PostJsonAsync("/api/directives", new { title = "第一号指令", body = "内容一", allUnits = true }))).GetProperty("id").GetGuid();
        var second = (await Http.JsonAsync(await commander.PostJsonAsync("/api/directives", new { title = "第二号指令", body = "内容二", allUnits = true }))).GetProperty("id").GetGuid();
        Assert.Equal(20, (await Http.JsonAsync(await commander.GetAsync($"/api/directives/{first}"))).GetProperty("recipientCount").GetInt32());

        var wuhu = await F.LoginAsync("wuhu");
        await Http.JsonAsync(await wuhu.GetAsync($"/api/directives/{second}"));
        var items = (await Http.JsonAsync(await wuhu.GetAsync("/api/directives"))).GetProperty("items").EnumerateArray()
            .Select(x => (Id: x.GetProperty("id").GetGuid(), Read: x.GetProperty("read").GetBoolean())).ToList();
        Assert.True(items.FindIndex(x => x.Id == first) < items.FindIndex(x => x.Id == second), "the unread older one comes first");
        Assert.False(items.Single(x => x.Id == first).Read);
        Assert.True(items.Single(x => x.Id == second).Read);
        Assert.False(items.SkipWhile(x => !x.Read).Any(x => !x.Read), "no unread directive after a read one");

        // A community is not addressed by an all-townships directive.
        var worker = await F.LoginAsync("guangrong");
        await Http.ProblemAsync(await worker.GetAsync($"/api/directives/{first}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_directives_are_refused_with_reasons_and_nothing_is_written()
    {
        var commander = await F.LoginAsync("commander");
        var before = await WithDbAsync(db => db.Set<Directive>().CountAsync());
        var bad = await Http.ProblemAsync(await commander.PostJsonAsync("/api/directives", new
        {
            title = "<b>会议</b>", body = "", townships = new[] { Guangrong, "x" }, meetingAt = InHours(-1), meetingLink = "javascript:alert(1)",
        }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "title", "body", "townships", "meetingAt", "meetingLink" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        var noUnits = await Http.ProblemAsync(await commander.PostJsonAsync("/api/directives", new { title = "t", body = "b" }), HttpStatusCode.BadRequest);
        Assert.True(noUnits.GetProperty("errors").TryGetProperty("townships", out _));
        var linkOnly = await Http.ProblemAsync(await commander.PostJsonAsync("/api/directives", new { title = "t", body = "b", allUnits = true, meetingLink = "https://m.example/1" }), HttpStatusCode.BadRequest);
        Assert.True(linkOnly.GetProperty("errors").TryGetProperty("meetingAt", out _));
        var township = await F.LoginAsync("qianchuan");
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostJsonAsync("/api/directives", new { title = "t", body = "b", allUnits = true })).StatusCode);
        Assert.Equal(before, await WithDbAsync(db => db.Set<Directive>().CountAsync()));
    }

    [Fact]
    public async Task Two_schedulers_racing_run_a_due_job_once()
    {
        var scheduler = F.Services.GetRequiredService<JobScheduler>();
        await scheduler.RunNowAsync(EscalationJob.JobName, default); // makes sure the job's row exists
        var before = await WithDbAsync(db => db.Set<ScheduledJobState>().AsNoTracking().SingleAsync(s => s.Name == EscalationJob.JobName));
        Assert.Null(before.LeaseOwner);
        await WithDbAsync(db => db.Set<ScheduledJobState>().Where(s => s.Name == EscalationJob.JobName)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextRunAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        var one = ActivatorUtilities.CreateInstance<JobScheduler>(F.Services);
        var two = ActivatorUtilities.CreateInstance<JobScheduler>(F.Services);
        var ran = await Task.WhenAll(one.RunDueAsync(default), two.RunDueAsync(default));

        Assert.Equal(1, ran.Count(r => r.Contains(EscalationJob.JobName)));
        var after = await WithDbAsync(db => db.Set<ScheduledJobState>().AsNoTracking().SingleAsync(s => s.Name == EscalationJob.JobName));
        Assert.Equal(before.Runs + 1, after.Runs);
        Assert.True(after.NextRunAt > DateTimeOffset.UtcNow);
        Assert.Null(after.LeaseOwner);
    }
}

/// <summary>One host without its background scheduler, on SQLite.</summary>
public sealed class CommandSqliteHost : IDisposable
{
    public YiwangFactory Factory { get; } = new(Db.Sqlite, CommandTests.NoBackgroundJobs);

    public void Dispose() => Factory.Dispose();
}

/// <summary>One host without its background scheduler, on PostgreSQL.</summary>
public sealed class CommandPostgresHost : IDisposable
{
    public YiwangFactory Factory { get; } = new(Db.Postgres, CommandTests.NoBackgroundJobs);

    public void Dispose() => Factory.Dispose();
}

public sealed class CommandTestsOnSqlite(CommandSqliteHost host) : CommandTests(host.Factory), IClassFixture<CommandSqliteHost>;

public sealed class CommandTestsOnPostgres(CommandPostgresHost host) : CommandTests(host.Factory), IClassFixture<CommandPostgresHost>;
