using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Command.Domain;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Epidemic.Features;
using Yiwang.Epidemic.Features.Isolation;
using Yiwang.Epidemic.Features.Monitoring;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Time;
using Yiwang.People.Domain;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Isolation and treatment, daily health monitoring and missed follow-ups, through the real host on SQLite and
/// PostgreSQL: sites in scope, assignments with live occupancy, the last bed taken exactly once, transfers and
/// releases, checks with their rules, and the missed-check job raising one work order per record and day.
/// </summary>
public abstract partial class IsolationTests(YiwangFactory factory)
{
    private const string Qianchuan = "420116001";
    private const string Wuhu = "420116013";
    private static readonly SemaphoreSlim PersonGate = new(1, 1);

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    /// <summary>A new four-category record of a person of <paramref name="street"/> who has none yet, optionally
    /// moved to <paramref name="state"/> and with its phase started <paramref name="daysAgo"/> days ago.</summary>
    private async Task<EpiCase> NewCaseAsync(string street, CaseCategory category = CaseCategory.CloseContact, string? state = "observation-home", int daysAgo = 0)
    {
        Guid id;
        await PersonGate.WaitAsync();
        try
        {
            await using var scope = F.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var person = await db.Set<Person>().AsNoTracking()
                .Where(p => p.StreetCode == street && p.MergedIntoId == null && p.CommunityCode != "" && !db.Set<EpiCase>().Any(c => c.PersonId == p.Id))
                .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            var workflow = scope.ServiceProvider.GetRequiredService<CaseWorkflow>();
            var result = await workflow.CreateAsync(new CaseWorkflow.NewCase(person, null, category, "manual", "test"), default);
            Assert.True(result.IsOk, result.Refusal?.ToString());
            var created = result.Value;
            id = created.Id;
            if (state is not null && state != created.State)
            {
                var moveRefusal = (await workflow.MoveAsync(created.Id, state, "test", null, default)).Refusal;
                Assert.True(moveRefusal is null, moveRefusal?.ToString());
            }
        }
        finally
        {
            PersonGate.Release();
        }

        return await WithDbAsync(async db =>
        {
            var record = await db.Set<EpiCase>().SingleAsync(c => c.Id == id);
            if (daysAgo > 0)
            {
                record.PhaseSince = record.PhaseSince.AddDays(-daysAgo);
                record.StateSince = record.StateSince.AddDays(-daysAgo);
                await db.SaveChangesAsync();
            }

            return record;
        });
    }

    /// <summary>Runs a job now; the host's own scheduler may hold it for a moment (it runs every job on its interval).</summary>
    private async Task RunJobAsync(string name)
    {
        var jobs = F.Services.GetRequiredService<JobScheduler>();
        for (var i = 0; i < 100; i++)
        {
            if (await jobs.RunNowAsync(name, default))
            {
                var error = await WithDbAsync(db => db.Set<ScheduledJobState>().Where(j => j.Name == name).Select(j => j.LastError).SingleAsync());
                Assert.True(error is null, error);
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"job {name} stayed leased by another run");
    }

    private static async Task<JsonElement> CreateSiteAsync(HttpClient c, string unit, int capacity, string kind = "hotel") =>
        await Http.JsonAsync(await c.PostJsonAsync("/api/epidemic/isolation/sites", new
        {
            name = $"测试隔离酒店 {Guid.NewGuid():N}"[..16], kind, address = "黄陂区前川街道黄陂大道 1 号", unitCode = unit, capacity,
        }));

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private Task<(int Occupied, int Active)> OccupancyAsync(Guid site) => WithDbAsync(async db => (
        await db.Set<IsolationSite>().Where(s => s.Id == site).Select(s => s.Occupied).SingleAsync(),
        await db.Set<IsolationAssignment>().CountAsync(a => a.SiteId == site && a.EndedAt == null)));

    [Fact]
    public async Task Sites_are_configured_by_the_district_and_seen_in_scope()
    {
        var commander = await F.LoginAsync("commander");
        var district = await CreateSiteAsync(commander, "420116", 50, "hospital");
        var own = await CreateSiteAsync(commander, Qianchuan, 20);
        var other = await CreateSiteAsync(commander, Wuhu, 10);
        Assert.Equal("hospital", district.GetProperty("kind").GetString());
        Assert.Equal(0, own.GetProperty("occupied").GetInt32());

        var qianchuan = await F.LoginAsync("qianchuan");
        var list = await Http.JsonAsync(await qianchuan.GetAsync("/api/epidemic/isolation/sites?pageSize=200"));
        var ids = list.GetProperty("items").EnumerateArray().Select(Id).ToList();
        Assert.Contains(Id(district), ids);
        Assert.Contains(Id(own), ids);
        Assert.DoesNotContain(Id(other), ids);
        Assert.All(list.GetProperty("items").EnumerateArray(), s => Assert.True(
            s.GetProperty("unitCode").GetString() is "420116" || s.GetProperty("unitCode").GetString()!.StartsWith(Qianchuan, StringComparison.Ordinal)));
        await Http.ProblemAsync(await qianchuan.GetAsync($"/api/epidemic/isolation/sites/{Id(other)}"), HttpStatusCode.NotFound);
        await Http.JsonAsync(await qianchuan.GetAsync($"/api/epidemic/isolation/sites/{Id(district)}"));

        // Only EpidemicConfigure manages sites.
        Assert.Equal(HttpStatusCode.Forbidden, (await qianchuan.PostJsonAsync("/api/epidemic/isolation/sites",
            new { name = "x", kind = "hotel", address = "y", unitCode = Qianchuan, capacity = 5 })).StatusCode);

        var before = await WithDbAsync(db => db.Set<IsolationSite>().CountAsync());
        var bad = await Http.ProblemAsync(await commander.PostJsonAsync("/api/epidemic/isolation/sites",
            new { name = "<b>x</b>", kind = "tent", address = "", unitCode = "420116001001", capacity = 0 }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "name", "kind", "address", "unitCode", "capacity" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Equal(before, await WithDbAsync(db => db.Set<IsolationSite>().CountAsync()));

        var edited = await Http.JsonAsync(await commander.PutAsync($"/api/epidemic/isolation/sites/{Id(own)}", JsonContent(new
        {
            name = "前川一号隔离点", address = "黄陂区前川街道", capacity = 30, active = false, version = own.GetProperty("version").GetUInt32(),
        })));
        Assert.Equal(30, edited.GetProperty("capacity").GetInt32());
        Assert.False(edited.GetProperty("active").GetBoolean());
        var stale = await Http.ProblemAsync(await commander.PutAsync($"/api/epidemic/isolation/sites/{Id(own)}", JsonContent(new
        {
            name = "前川一号隔离点", address = "黄陂区前川街道", capacity = 30, active = true, version = own.GetProperty("version").GetUInt32(),
        })), HttpStatusCode.Conflict);
        Assert.Equal("stale", stale.GetProperty("code").GetString());

        // A deactivated site takes nobody new.
        var record = await NewCaseAsync(Qianchuan);
        var inactive = await Http.ProblemAsync(
            await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = record.Id, siteId = Id(own) }), HttpStatusCode.Conflict);
        Assert.Equal("site-inactive", inactive.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Assignments_fill_a_site_and_a_full_site_is_refused_with_nothing_written()
    {
        var commander = await F.LoginAsync("commander");
        var site = Id(await CreateSiteAsync(commander, Qianchuan, 1));
        var a = await NewCaseAsync(Qianchuan, state: "observation-centralised");
        var b = await NewCaseAsync(Qianchuan, state: "observation-centralised");
        var qianchuan = await F.LoginAsync("qianchuan");

        var assigned = await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = a.Id, siteId = site }));
        Assert.Equal("hotel", assigned.GetProperty("kind").GetString());
        Assert.Equal((1, 1), await OccupancyAsync(site));
        Assert.True(await WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Actor == "qianchuan" && e.EntityType == nameof(IsolationAssignment))));

        // What the officer's request writes is audited as them; the colour engine, reacting to the new cases through
        // the outbox in the background, writes its own entries (as system) at any moment, so those are not counted.
        var audit = await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Actor == "qianchuan"));
        var full = await Http.ProblemAsync(
            await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = b.Id, siteId = site }), HttpStatusCode.Conflict);
        Assert.Equal("site-full", full.GetProperty("code").GetString());
        Assert.Contains("已满", full.GetProperty("detail").GetString());
        Assert.Contains("is full", full.GetProperty("detail").GetString());
        Assert.Equal((1, 1), await OccupancyAsync(site));
        Assert.Equal(audit, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Actor == "qianchuan")));
        Assert.False(await WithDbAsync(db => db.Set<IsolationAssignment>().AnyAsync(x => x.CaseId == b.Id)));

        // A person has at most one active assignment.
        var again = await Http.ProblemAsync(
            await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = a.Id, home = true }), HttpStatusCode.Conflict);
        Assert.Equal("already-assigned", again.GetProperty("code").GetString());

        // Another township cannot assign (or even see) a 前川 record; the site page lists occupants by name, masked.
        var wuhu = await F.LoginAsync("wuhu");
        await Http.ProblemAsync(await wuhu.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = b.Id, home = true }), HttpStatusCode.NotFound);
        var wuhuSite = Id(await CreateSiteAsync(commander, Wuhu, 5));
        await Http.ProblemAsync(
            await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = b.Id, siteId = wuhuSite }), HttpStatusCode.NotFound);
        var detail = await Http.JsonAsync(await qianchuan.GetAsync($"/api/epidemic/isolation/sites/{site}"));
        var occupant = Assert.Single(detail.GetProperty("occupants").GetProperty("items").EnumerateArray());
        Assert.Equal(a.Id, occupant.GetProperty("caseId").GetGuid());
        var idNumber = await WithDbAsync(db => db.Set<Person>().Where(p => p.Id == a.PersonId).Select(p => p.IdNumber).SingleAsync());
        Assert.Contains("********", occupant.GetProperty("idNumberMasked").GetString());
        Assert.DoesNotContain(idNumber!, detail.GetRawText());

        // Home isolation needs no site; neither-nor is a bad request.
        var home = await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = b.Id, home = true }));
        Assert.Equal("home", home.GetProperty("kind").GetString());
        await Http.ProblemAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = b.Id }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_simultaneous_assignments_for_the_last_bed_leave_exactly_one_winner()
    {
        var commander = await F.LoginAsync("commander");
        for (var round = 0; round < 4; round++)
        {
            var site = Id(await CreateSiteAsync(commander, Qianchuan, 1));
            var a = await NewCaseAsync(Qianchuan);
            var b = await NewCaseAsync(Qianchuan);
            var first = await F.LoginAsync("qianchuan");
            var second = await F.LoginAsync("qianchuan");
            var responses = await Task.WhenAll(
                first.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = a.Id, siteId = site }),
                second.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = b.Id, siteId = site }));
            var codes = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], codes);
            Assert.Equal((1, 1), await OccupancyAsync(site));
        }
    }

    [Fact]
    public async Task A_transfer_moves_the_person_in_one_step_and_a_full_target_leaves_them_where_they_are()
    {
        var commander = await F.LoginAsync("commander");
        var from = Id(await CreateSiteAsync(commander, Qianchuan, 2));
        var fullSite = Id(await CreateSiteAsync(commander, "420116", 1, "hospital"));
        var to = Id(await CreateSiteAsync(commander, Qianchuan, 3));
        var qianchuan = await F.LoginAsync("qianchuan");
        var a = await NewCaseAsync(Qianchuan);
        var filler = await NewCaseAsync(Qianchuan);
        var assignment = Id(await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = a.Id, siteId = from })));
        await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = filler.Id, siteId = fullSite }));

        var refused = await Http.ProblemAsync(
            await qianchuan.PostJsonAsync($"/api/epidemic/isolation/assignments/{assignment}/transfer", new { siteId = fullSite, reason = "转院" }),
            HttpStatusCode.Conflict);
        Assert.Equal("site-full", refused.GetProperty("code").GetString());
        Assert.Equal((1, 1), await OccupancyAsync(from));
        Assert.Equal((1, 1), await OccupancyAsync(fullSite));

        var moved = await Http.JsonAsync(
            await qianchuan.PostJsonAsync($"/api/epidemic/isolation/assignments/{assignment}/transfer", new { siteId = to, reason = "集中调配" }));
        Assert.Equal(to, moved.GetProperty("siteId").GetGuid());
        Assert.Equal((0, 0), await OccupancyAsync(from));
        Assert.Equal((1, 1), await OccupancyAsync(to));
        var old = await WithDbAsync(db => db.Set<IsolationAssignment>().AsNoTracking().SingleAsync(x => x.Id == assignment));
        Assert.NotNull(old.EndedAt);
        Assert.Equal(Id(moved), old.NextAssignmentId);
        Assert.Equal("transferred: 集中调配", old.EndReason);

        // An ended assignment cannot move again; the new one can go home.
        await Http.ProblemAsync(
            await qianchuan.PostJsonAsync($"/api/epidemic/isolation/assignments/{assignment}/transfer", new { home = true }), HttpStatusCode.Conflict);
        var home = await Http.JsonAsync(await qianchuan.PostJsonAsync($"/api/epidemic/isolation/assignments/{Id(moved)}/transfer", new { home = true }));
        Assert.Equal("home", home.GetProperty("kind").GetString());
        Assert.Equal((0, 0), await OccupancyAsync(to));
        var history = await Http.JsonAsync(await qianchuan.GetAsync($"/api/epidemic/isolation/cases/{a.Id}/assignments"));
        Assert.Equal(3, history.GetArrayLength());
        var wuhu = await F.LoginAsync("wuhu");
        await Http.ProblemAsync(
            await wuhu.PostJsonAsync($"/api/epidemic/isolation/assignments/{Id(home)}/release", new { reason = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Release_frees_the_bed_and_a_closed_record_is_released_by_the_job()
    {
        var commander = await F.LoginAsync("commander");
        var site = Id(await CreateSiteAsync(commander, Qianchuan, 2));
        var qianchuan = await F.LoginAsync("qianchuan");
        var a = await NewCaseAsync(Qianchuan);
        var assignment = Id(await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = a.Id, siteId = site })));
        var released = await Http.JsonAsync(await qianchuan.PostJsonAsync($"/api/epidemic/isolation/assignments/{assignment}/release", new { reason = "解除隔离" }));
        Assert.Equal("released: 解除隔离", released.GetProperty("endReason").GetString());
        Assert.Equal((0, 0), await OccupancyAsync(site));
        var twice = await Http.ProblemAsync(
            await qianchuan.PostJsonAsync($"/api/epidemic/isolation/assignments/{assignment}/release", new { reason = "再次" }), HttpStatusCode.Conflict);
        Assert.Equal("assignment-ended", twice.GetProperty("code").GetString());

        // A fever patient cleared by a negative test leaves isolation without anyone releasing by hand.
        var fever = await NewCaseAsync(Qianchuan, CaseCategory.FeverPatient, state: null);
        await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = fever.Id, siteId = site }));
        await using (var scope = F.Services.CreateAsyncScope())
        {
            var workflow = scope.ServiceProvider.GetRequiredService<CaseWorkflow>();
            Assert.Null((await workflow.AddTestAsync(fever.Id, "核酸", TestResult.Negative, DateTimeOffset.UtcNow, default)).Refusal);
            Assert.Null((await workflow.MoveAsync(fever.Id, "fever-cleared", null, null, default)).Refusal);
        }

        await RunJobAsync(IsolationReleaseJob.JobName);
        Assert.Equal((0, 0), await OccupancyAsync(site));
        var ended = await WithDbAsync(db => db.Set<IsolationAssignment>().AsNoTracking().SingleAsync(x => x.CaseId == fever.Id));
        Assert.Equal("record-closed", ended.EndReason);
        var closed = await Http.ProblemAsync(
            await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = fever.Id, siteId = site }), HttpStatusCode.Conflict);
        Assert.Equal("record-closed", closed.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Daily_checks_follow_the_temperature_rules_and_today_lists_due_and_done()
    {
        var worker = await F.LoginAsync("qianchuan");
        var record = await NewCaseAsync(Qianchuan);
        var before = await WithDbAsync(db => db.Set<HealthCheck>().CountAsync());
        foreach (var bad in new[] { 33.9m, 43.1m })
        {
            var refused = await Http.ProblemAsync(
                await worker.PostJsonAsync("/api/epidemic/monitoring/checks", new { caseId = record.Id, temperature = bad }), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("temperature", out _));
        }

        var future = await Http.ProblemAsync(await worker.PostJsonAsync("/api/epidemic/monitoring/checks",
            new { caseId = record.Id, temperature = 36.5m, at = DateTimeOffset.UtcNow.AddHours(2) }), HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("at", out _));
        await Http.ProblemAsync(await worker.PostJsonAsync("/api/epidemic/monitoring/checks",
            new { caseId = record.Id, temperature = 36.5m, other = "<script>" }), HttpStatusCode.BadRequest);
        Assert.Equal(before, await WithDbAsync(db => db.Set<HealthCheck>().CountAsync()));

        var due = await Http.JsonAsync(await worker.GetAsync("/api/epidemic/monitoring/today?status=due&pageSize=200"));
        Assert.Contains(due.GetProperty("rows").GetProperty("items").EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == record.Id);

        var normal = await Http.JsonAsync(await worker.PostJsonAsync("/api/epidemic/monitoring/checks", new { caseId = record.Id, temperature = 37.2m, cough = true }));
        Assert.False(normal.GetProperty("abnormal").GetBoolean());
        Assert.Equal("cough", Assert.Single(normal.GetProperty("symptoms").EnumerateArray()).GetString());
        var fever = await Http.JsonAsync(await worker.PostJsonAsync("/api/epidemic/monitoring/checks",
            new { caseId = record.Id, temperature = 37.3m, fatigue = true, other = "头痛" }));
        Assert.True(fever.GetProperty("abnormal").GetBoolean());
        Assert.Equal(DistrictTime.Today(TimeProvider.System), DateOnly.Parse(fever.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var done = await Http.JsonAsync(await worker.GetAsync("/api/epidemic/monitoring/today?status=done&pageSize=200"));
        var row = Assert.Single(done.GetProperty("rows").GetProperty("items").EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == record.Id);
        Assert.True(row.GetProperty("lastCheck").GetProperty("abnormal").GetBoolean());
        due = await Http.JsonAsync(await worker.GetAsync("/api/epidemic/monitoring/today?status=due&pageSize=200"));
        Assert.DoesNotContain(due.GetProperty("rows").GetProperty("items").EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == record.Id);
        var history = await Http.JsonAsync(await worker.GetAsync($"/api/epidemic/monitoring/cases/{record.Id}/checks"));
        Assert.Equal(2, history.GetProperty("total").GetInt64());

        // Not monitored (traced, not yet under observation): refused; another township: not found.
        var traced = await NewCaseAsync(Qianchuan, state: null);
        var notMonitored = await Http.ProblemAsync(
            await worker.PostJsonAsync("/api/epidemic/monitoring/checks", new { caseId = traced.Id, temperature = 36.6m }), HttpStatusCode.Conflict);
        Assert.Equal("not-monitored", notMonitored.GetProperty("code").GetString());
        var wuhu = await F.LoginAsync("wuhu");
        await Http.ProblemAsync(await wuhu.PostJsonAsync("/api/epidemic/monitoring/checks", new { caseId = record.Id, temperature = 36.6m }), HttpStatusCode.NotFound);
        var wuhuList = await Http.JsonAsync(await wuhu.GetAsync("/api/epidemic/monitoring/today?status=done&pageSize=200"));
        Assert.DoesNotContain(wuhuList.GetProperty("rows").GetProperty("items").EnumerateArray(), r => r.GetProperty("caseId").GetGuid() == record.Id);
        await Http.ProblemAsync(await wuhu.GetAsync("/api/epidemic/monitoring/today?community=420116001001"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Missed_checks_raise_one_work_order_per_record_and_day_however_often_the_job_runs()
    {
        var worker = await F.LoginAsync("qianchuan");
        var missed = await NewCaseAsync(Qianchuan, daysAgo: 3);
        var checkedYesterday = await NewCaseAsync(Qianchuan, daysAgo: 3);
        var startedToday = await NewCaseAsync(Qianchuan);
        var notMonitored = await NewCaseAsync(Qianchuan, state: null, daysAgo: 3);
        var yesterday = DistrictTime.Today(TimeProvider.System).AddDays(-1);
        var noon = MonitoredCases.StartUtc(yesterday).AddHours(12);
        await Http.JsonAsync(await worker.PostJsonAsync("/api/epidemic/monitoring/checks", new { caseId = checkedYesterday.Id, temperature = 36.4m, at = noon }));

        var list = await Http.JsonAsync(await worker.GetAsync("/api/epidemic/monitoring/today?status=missed&pageSize=200"));
        var items = list.GetProperty("rows").GetProperty("items").EnumerateArray().Select(r => r.GetProperty("caseId").GetGuid()).ToList();
        Assert.Contains(missed.Id, items);
        Assert.DoesNotContain(checkedYesterday.Id, items);
        Assert.DoesNotContain(startedToday.Id, items);

        await RunJobAsync(MissedMonitoringJob.JobName);
        var key = $"{missed.Id}:{yesterday:yyyy-MM-dd}";
        var order = await WithDbAsync(db => db.Set<WorkOrder>().AsNoTracking().SingleAsync(w => w.Module == "epidemic" && w.DedupKey == key));
        Assert.Equal("monitoring-missed", order.Kind);
        Assert.Equal(missed.ResponsibleUnit, order.UnitCode);
        Assert.InRange(order.DueAt - order.CreatedAt, TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));
        var person = await WithDbAsync(db => db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == missed.PersonId));
        Assert.Contains(person.Name, order.TitleZh);
        Assert.DoesNotContain(person.IdNumber!, order.TitleZh + order.TitleEn + order.Detail);
        Assert.DoesNotContain(person.IdNumber![^4..], order.TitleZh + order.TitleEn);
        var row = await WithDbAsync(db => db.Set<MissedCheck>().AsNoTracking().SingleAsync(m => m.CaseId == missed.Id));
        Assert.Equal(yesterday, row.Date);
        Assert.Equal(order.Id, row.WorkOrderId);
        foreach (var quiet in new[] { checkedYesterday.Id, startedToday.Id, notMonitored.Id })
        {
            Assert.False(await WithDbAsync(db => db.Set<MissedCheck>().AnyAsync(m => m.CaseId == quiet)));
        }

        var counts = await WithDbAsync(async db => (await db.Set<MissedCheck>().CountAsync(), await db.Set<WorkOrder>().CountAsync(w => w.Kind == "monitoring-missed")));
        await RunJobAsync(MissedMonitoringJob.JobName);
        await RunJobAsync(MissedMonitoringJob.JobName);
        Assert.Equal(counts, await WithDbAsync(async db => (await db.Set<MissedCheck>().CountAsync(), await db.Set<WorkOrder>().CountAsync(w => w.Kind == "monitoring-missed"))));
        Assert.Equal(counts.Item1, counts.Item2);

        // The missed list shows the work order; the dashboard figure counts it under 前川.
        list = await Http.JsonAsync(await worker.GetAsync("/api/epidemic/monitoring/today?status=missed&pageSize=200"));
        Assert.True(list.GetProperty("rows").GetProperty("items").EnumerateArray().Single(r => r.GetProperty("caseId").GetGuid() == missed.Id)
            .GetProperty("workOrderRaised").GetBoolean());
        var figures = await WithDbAsync(db => F.Services.GetServices<IUnitFigureSource>().OfType<IsolationFigures>().Single().CountAsync(db, "420116", 9, default));
        var expected = await WithDbAsync(db => db.Set<MissedCheck>().CountAsync(m => m.Date == yesterday && m.StreetCode == Qianchuan));
        Assert.Equal(expected, figures.Single(f => f.Figure == IsolationFigures.MissedChecks && f.UnitCode == Qianchuan).Value);
    }

    [Fact]
    public async Task Occupancy_and_beds_per_unit_are_dashboard_figures()
    {
        var commander = await F.LoginAsync("commander");
        var site = Id(await CreateSiteAsync(commander, Qianchuan, 7));
        var qianchuan = await F.LoginAsync("qianchuan");
        var a = await NewCaseAsync(Qianchuan);
        await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = a.Id, siteId = site }));
        var source = F.Services.GetServices<IUnitFigureSource>().OfType<IsolationFigures>().Single();
        var figures = await WithDbAsync(db => source.CountAsync(db, "420116", 9, default));
        var (occupied, capacity) = await WithDbAsync(async db => (
            await db.Set<IsolationSite>().Where(s => s.Active && s.UnitCode.StartsWith(Qianchuan)).SumAsync(s => s.Occupied),
            await db.Set<IsolationSite>().Where(s => s.Active && s.UnitCode.StartsWith(Qianchuan)).SumAsync(s => s.Capacity)));
        Assert.Equal(occupied, figures.Single(f => f.Figure == IsolationFigures.Occupied && f.UnitCode == Qianchuan).Value);
        Assert.Equal(capacity, figures.Single(f => f.Figure == IsolationFigures.Capacity && f.UnitCode == Qianchuan).Value);
        Assert.True(occupied >= 1 && capacity >= 7);
        Assert.All(figures, f => Assert.Equal(9, f.UnitCode.Length));
    }

    [Fact]
    public async Task Pages_show_sites_and_occupants_in_scope_and_the_phone_form_records_a_check()
    {
        var commander = await F.LoginAsync("commander");
        var site = await CreateSiteAsync(commander, Qianchuan, 4);
        var record = await NewCaseAsync(Qianchuan, state: "observation-centralised");
        var qianchuan = await F.LoginAsync("qianchuan");
        await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/epidemic/isolation/assignments", new { caseId = record.Id, siteId = Id(site) }));
        var person = await WithDbAsync(db => db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == record.PersonId));

        var list = WebUtility.HtmlDecode(await qianchuan.GetStringAsync("/isolation"));
        Assert.Contains(site.GetProperty("name").GetString()!, list);
        var detail = WebUtility.HtmlDecode(await qianchuan.GetStringAsync($"/isolation/{Id(site)}"));
        Assert.Contains(person.Name, detail);
        Assert.Contains(person.IdNumber![^4..], detail);
        Assert.DoesNotContain(person.IdNumber, detail);
        var wuhu = await F.LoginAsync("wuhu");
        var hidden = WebUtility.HtmlDecode(await wuhu.GetStringAsync($"/isolation/{Id(site)}"));
        Assert.Contains("id=\"not-found\"", hidden);
        Assert.DoesNotContain(person.Name, hidden);

        var url = $"/epidemic/monitoring?status=due&community={record.CommunityCode}";
        var page = await qianchuan.GetStringAsync(url);
        Assert.Contains(person.Name, WebUtility.HtmlDecode(page));
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        Task<HttpResponseMessage> PostAsync(string temperature) => qianchuan.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"check-{record.Id}", ["__RequestVerificationToken"] = token, ["Check.CaseId"] = record.Id.ToString(),
            ["Check.Temperature"] = temperature, ["Check.Cough"] = "true", ["Check.Other"] = "",
        }));
        var before = await WithDbAsync(db => db.Set<HealthCheck>().CountAsync(h => h.CaseId == record.Id));
        var refused = WebUtility.HtmlDecode(await (await PostAsync("50")).Content.ReadAsStringAsync());
        Assert.Contains("34.0–43.0", refused);
        Assert.Equal(before, await WithDbAsync(db => db.Set<HealthCheck>().CountAsync(h => h.CaseId == record.Id)));
        var response = await PostAsync("38.5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"mon-result\"", saved);
        Assert.Contains("38.5", saved);
        var check = await WithDbAsync(db => db.Set<HealthCheck>().AsNoTracking().SingleAsync(h => h.CaseId == record.Id));
        Assert.Equal(38.5m, check.Temperature);
        Assert.True(check.Abnormal && check.Cough);
        Assert.Equal("qianchuan", check.RecordedBy);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Http.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class IsolationTestsOnSqlite(SqliteHost host) : IsolationTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class IsolationTestsOnPostgres(PostgresHost host) : IsolationTests(host.Factory), IClassFixture<PostgresHost>;
