using Yiwang.Kernel.Contracts.Epidemic;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Features;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.People.Domain;

namespace Yiwang.IntegrationTests;

/// <summary>
/// The four categories end to end: records created by hand and from source feeds, moved through the disease's
/// state machine (illegal moves, periods, tests, reasons refused with nothing written), counters equal to a
/// GROUP BY, scope, and a new disease added as configuration. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class EpidemicTests(YiwangFactory factory)
{
    private const string Guangrong = "420116001001";
    private const string Wuhu001 = "420116013001";

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    private static int _sequence = 1;

    /// <summary>Registers a new person in a community (as the district would) and returns their id.</summary>
    private async Task<Guid> NewPersonAsync(string community, string name = "测试居民")
    {
        var commander = await F.LoginAsync("commander");
        while (true)
        {
            var seq = Interlocked.Add(ref _sequence, 2) % 998 + 1;
            var id = ResidentIdentityNumber.Create("420116", new DateOnly(1961, 1, 1).AddDays(Random.Shared.Next(0, 9000)), seq);
            var response = await commander.PostJsonAsync("/api/people", new { idNumber = id, name, address = "测试地址1号", communityCode = community });
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                continue;
            }

            return (await Http.JsonAsync(response)).GetProperty("id").GetGuid();
        }
    }

    private static async Task<JsonElement> CreateCaseAsync(HttpClient c, Guid person, string category, string? disease = null)
    {
        var response = await c.PostJsonAsync("/api/epidemic/cases", new { personId = person, category, disease });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Http.JsonAsync(response);
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient c, Guid id, string to, string? reason = null, uint? version = null) =>
        c.PostJsonAsync($"/api/epidemic/cases/{id}/moves", new { to, reason, version });

    private static async Task<string> CodeAsync(HttpResponseMessage response, HttpStatusCode status) =>
        (await Http.ProblemAsync(response, status)).GetProperty("code").GetString()!;

    /// <summary>The counters must equal the GROUP BY of the records, always.</summary>
    private Task AssertCountersExactAsync() => WithDbAsync(async db =>
    {
        var counted = await db.Set<EpiCase>().GroupBy(c => new { c.DiseaseCode, c.CommunityCode, c.State })
            .Select(g => new { g.Key.DiseaseCode, g.Key.CommunityCode, g.Key.State, N = g.LongCount() }).ToListAsync();
        var counters = await db.Set<UnitCaseCount>().Where(u => u.Count != 0).ToListAsync();
        Assert.Equal(counted.Count, counters.Count);
        foreach (var g in counted)
        {
            Assert.Equal(g.N, counters.Single(u => u.DiseaseCode == g.DiseaseCode && u.CommunityCode == g.CommunityCode && u.State == g.State).Count);
        }

        return true;
    });

    [Fact]
    public async Task Covid19_is_seeded_as_the_default_disease_with_its_state_machine()
    {
        var worker = await F.LoginAsync("guangrong");
        var list = await Http.JsonAsync(await worker.GetAsync("/api/epidemic/diseases"));
        var covid = list.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "covid-19");
        Assert.True(covid.GetProperty("isDefault").GetBoolean());
        Assert.Equal(14, covid.GetProperty("definition").GetProperty("observationDays").GetInt32());
        Assert.Contains(covid.GetProperty("definition").GetProperty("states").EnumerateArray(), s => s.GetProperty("code").GetString() == "observation-home");
    }

    [Fact]
    public async Task A_close_contact_is_observed_for_fourteen_days_and_released_only_with_two_negative_tests()
    {
        var worker = await F.LoginAsync("guangrong");
        var person = await NewPersonAsync(Guangrong);
        var record = await CreateCaseAsync(worker, person, "CloseContact");
        var id = record.GetProperty("id").GetGuid();
        Assert.Equal("contact-traced", record.GetProperty("state").GetString());
        Assert.Equal("CloseContact", record.GetProperty("category").GetString());

        // Straight to released is not a legal move; nothing is written.
        var transitionsBefore = await WithDbAsync(db => db.Set<CaseTransition>().CountAsync(t => t.CaseId == id));
        Assert.Equal("illegal-transition", await CodeAsync(await MoveAsync(worker, id, "released"), HttpStatusCode.BadRequest));
        Assert.Equal(transitionsBefore, await WithDbAsync(db => db.Set<CaseTransition>().CountAsync(t => t.CaseId == id)));

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(worker, id, "observation-centralised")).StatusCode);
        // Moving to home observation keeps the phase clock and needs a reason.
        Assert.Equal("reason-required", await CodeAsync(await MoveAsync(worker, id, "observation-home"), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(worker, id, "observation-home", "酒店满员，转居家")).StatusCode);

        // Day 0: the observation period is not over.
        Assert.Equal("period-not-over", await CodeAsync(await MoveAsync(worker, id, "released"), HttpStatusCode.BadRequest));

        // Fifteen days later (the phase began 15 days ago), still without tests.
        await WithDbAsync(async db =>
        {
            var c = await db.Set<EpiCase>().SingleAsync(x => x.Id == id);
            c.PhaseSince = DateTimeOffset.UtcNow.AddDays(-15);
            await db.SaveChangesAsync();
            return true;
        });
        Assert.Equal("tests-missing", await CodeAsync(await MoveAsync(worker, id, "released"), HttpStatusCode.BadRequest));

        // A test in the future is refused; two negative tests are recorded.
        Assert.Equal("sampled-in-future", await CodeAsync(
            await worker.PostJsonAsync($"/api/epidemic/cases/{id}/tests", new { kind = "PCR", result = "Negative", sampledAt = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.BadRequest));
        foreach (var daysAgo in new[] { 2, 1 })
        {
            var r = await worker.PostJsonAsync($"/api/epidemic/cases/{id}/tests", new { kind = "PCR", result = "Negative", sampledAt = DateTimeOffset.UtcNow.AddDays(-daysAgo) });
            Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        }

        var released = await Http.JsonAsync(await MoveAsync(worker, id, "released"));
        Assert.True(released.GetProperty("closed").GetBoolean());

        // Closed records do not move again; the history shows every step with who did it.
        Assert.Equal("closed", await CodeAsync(await MoveAsync(worker, id, "confirmed"), HttpStatusCode.Conflict));
        var detail = await Http.JsonAsync(await worker.GetAsync($"/api/epidemic/cases/{id}"));
        Assert.Equal(["", "contact-traced", "observation-centralised", "observation-home"],
            detail.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("from").GetString()!).ToArray());
        Assert.All(detail.GetProperty("transitions").EnumerateArray(), t => Assert.Equal("guangrong", t.GetProperty("actor").GetString()));
        await AssertCountersExactAsync();
    }

    [Fact]
    public async Task A_positive_test_blocks_release_and_a_contact_can_become_a_confirmed_case()
    {
        var worker = await F.LoginAsync("guangrong");
        var id = (await CreateCaseAsync(worker, await NewPersonAsync(Guangrong), "CloseContact")).GetProperty("id").GetGuid();
        await MoveAsync(worker, id, "observation-home");
        await WithDbAsync(async db =>
        {
            (await db.Set<EpiCase>().SingleAsync(x => x.Id == id)).PhaseSince = DateTimeOffset.UtcNow.AddDays(-20);
            await db.SaveChangesAsync();
            return true;
        });
        foreach (var result in new[] { "Negative", "Positive", "Negative" })
        {
            await worker.PostJsonAsync($"/api/epidemic/cases/{id}/tests", new { kind = "PCR", result, sampledAt = DateTimeOffset.UtcNow.AddHours(-3) });
        }

        Assert.Equal("positive-test", await CodeAsync(await MoveAsync(worker, id, "released"), HttpStatusCode.BadRequest));
        var confirmed = await Http.JsonAsync(await MoveAsync(worker, id, "confirmed"));
        Assert.Equal("Confirmed", confirmed.GetProperty("category").GetString());
        await AssertCountersExactAsync();
    }

    [Fact]
    public async Task One_open_record_per_person_and_disease_and_a_stale_version_is_refused()
    {
        var worker = await F.LoginAsync("guangrong");
        var person = await NewPersonAsync(Guangrong);
        var id = (await CreateCaseAsync(worker, person, "FeverPatient")).GetProperty("id").GetGuid();
        var second = await worker.PostJsonAsync("/api/epidemic/cases", new { personId = person, category = "Suspected" });
        Assert.Equal("open-record-exists", await CodeAsync(second, HttpStatusCode.Conflict));

        var detail = await Http.JsonAsync(await worker.GetAsync($"/api/epidemic/cases/{id}"));
        var version = detail.GetProperty("version").GetUInt32();
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(worker, id, "suspected", null, version)).StatusCode);
        // Someone who still holds the old version is told to reload.
        Assert.Equal("stale", await CodeAsync(await MoveAsync(worker, id, "confirmed", null, version), HttpStatusCode.Conflict));

        // Bad input: unknown category, no person.
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync("/api/epidemic/cases", new { personId = person, category = "Zombie" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync("/api/epidemic/cases", new { category = "Suspected" })).StatusCode);
    }

    [Fact]
    public async Task Workers_act_only_inside_their_unit()
    {
        var guangrong = await F.LoginAsync("guangrong");
        var wuhu = await F.LoginAsync("wuhu");
        var qianchuan = await F.LoginAsync("qianchuan");
        var id = (await CreateCaseAsync(guangrong, await NewPersonAsync(Guangrong), "Suspected")).GetProperty("id").GetGuid();

        // Another township neither sees nor moves it, and cannot tell it exists.
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/epidemic/cases/{id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await MoveAsync(wuhu, id, "confirmed"), HttpStatusCode.NotFound);
        var wuhuList = await Http.JsonAsync(await wuhu.GetAsync("/api/epidemic/cases?pageSize=200"));
        Assert.DoesNotContain(wuhuList.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        // The township above sees it; a community worker cannot open a record for another township's resident.
        Assert.Equal(HttpStatusCode.OK, (await qianchuan.GetAsync($"/api/epidemic/cases/{id}")).StatusCode);
        var outsider = await NewPersonAsync(Wuhu001);
        await Http.ProblemAsync(await guangrong.PostJsonAsync("/api/epidemic/cases", new { personId = outsider, category = "FeverPatient" }), HttpStatusCode.NotFound);

        // A citizen and a venue have no access at all.
        var citizen = await F.LoginAsync("citizen");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/api/epidemic/cases")).StatusCode);
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_in_scope_and_masked()
    {
        var guangrong = await F.LoginAsync("guangrong");
        var person = await NewPersonAsync(Guangrong, "导出测试");
        await CreateCaseAsync(guangrong, person, "FeverPatient");
        var wuhu = await F.LoginAsync("wuhu");
        await CreateCaseAsync(wuhu, await NewPersonAsync(Wuhu001, "武湖导出"), "FeverPatient");

        var response = await guangrong.GetAsync("/api/epidemic/cases/export.xlsx?category=FeverPatient");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => (string)r["姓名 Name"] == "导出测试");
        Assert.DoesNotContain(rows, r => (string)r["姓名 Name"] == "武湖导出");
        Assert.All(rows, r => Assert.Contains("*", (string)r["身份证号 ID number"], StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal(Guangrong, (string)r["社区代码 Community code"]));
        await Http.ProblemAsync(await guangrong.GetAsync("/api/epidemic/cases/export.pdf"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_case_report_from_the_cdc_feed_creates_a_record_once_and_a_later_report_moves_it()
    {
        var person = await NewPersonAsync(Guangrong);
        var flag = new Yiwang.Kernel.Contracts.People.PersonFlagChanged(person, "SuspectedCase", true, Guid.NewGuid(), "cdc-cases", Guangrong, DateOnly.FromDateTime(DateTime.UtcNow), DateTimeOffset.UtcNow);
        var payload = JsonSerializer.Serialize(flag, JsonSerializerOptions.Web);
        var handler = F.Services.GetServices<Kernel.Events.IOutboxHandler>().OfType<CaseFeedHandler>().Single();

        // Delivered twice (at-least-once delivery): one record.
        for (var i = 0; i < 2; i++)
        {
            await using var scope = F.Services.CreateAsyncScope();
            await handler.HandleAsync(payload, scope.ServiceProvider, CancellationToken.None);
        }

        var records = await WithDbAsync(db => db.Set<EpiCase>().Where(c => c.PersonId == person).ToListAsync());
        var record = Assert.Single(records);
        Assert.Equal("suspected", record.State);
        Assert.Equal("feed:cdc-cases", record.Origin);

        // The CDC confirms: the open record moves (suspected → confirmed is legal).
        var confirm = flag with { Flag = "ConfirmedCase", SourceRecordId = Guid.NewGuid() };
        await using (var scope = F.Services.CreateAsyncScope())
        {
            await handler.HandleAsync(JsonSerializer.Serialize(confirm, JsonSerializerOptions.Web), scope.ServiceProvider, CancellationToken.None);
        }

        Assert.Equal("confirmed", (await WithDbAsync(db => db.Set<EpiCase>().SingleAsync(c => c.PersonId == person))).State);

        // A fever-clinic visit of a confirmed case is no legal move: recorded as ignored, the record stays.
        var fever = flag with { Flag = "FeverPatient", SourceRecordId = Guid.NewGuid() };
        await using (var scope = F.Services.CreateAsyncScope())
        {
            await handler.HandleAsync(JsonSerializer.Serialize(fever, JsonSerializerOptions.Web), scope.ServiceProvider, CancellationToken.None);
        }

        Assert.Equal("confirmed", (await WithDbAsync(db => db.Set<EpiCase>().SingleAsync(c => c.PersonId == person))).State);
        Assert.Equal("ignored", (await WithDbAsync(db => db.Set<CaseFeedEvent>().SingleAsync(e => e.SourceRecordId == fever.SourceRecordId))).Outcome);
        await AssertCountersExactAsync();
    }

    [Fact]
    public async Task The_intake_feed_reaches_the_four_categories_through_the_outbox()
    {
        var person = await NewPersonAsync(Guangrong, "外源确诊");
        var idNumber = await WithDbAsync(db => db.Set<Person>().Where(p => p.Id == person).Select(p => p.IdNumber).SingleAsync());
        var key = await WithDbAsync(async db =>
        {
            var s = await db.Set<SourceSystem>().SingleAsync(x => x.Code == "cdc-cases");
            var (k, prefix, hash) = Kernel.Accounts.ApiKeys.Create();
            var client = await db.ApiClients.SingleAsync(x => x.Id == s.ApiClientId);
            client.KeyPrefix = prefix;
            client.KeyHash = hash;
            await db.SaveChangesAsync();
            return k;
        });
        var cdc = F.CreateClient();
        cdc.DefaultRequestHeaders.Add(Kernel.Accounts.ApiKeys.HeaderName, key);
        var ext = "E" + Guid.NewGuid().ToString("N")[..10];
        var sent = await cdc.PostAsJsonAsync("/api/intake/cdc-cases/records",
            new { records = new[] { new { sourceRecordId = ext, idNumber, name = "外源确诊", category = "确诊", eventDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } } }, Http.Json);
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());

        for (var i = 0; i < 200 && !await WithDbAsync(db => db.Set<EpiCase>().AnyAsync(c => c.PersonId == person)); i++)
        {
            await Task.Delay(100);
        }

        var record = await WithDbAsync(db => db.Set<EpiCase>().SingleAsync(c => c.PersonId == person));
        Assert.Equal(CaseCategory.Confirmed, record.Category);
        Assert.Equal(Guangrong, record.CommunityCode);
    }

    [Fact]
    public async Task A_new_disease_is_configuration_and_a_broken_definition_is_refused_whole()
    {
        var health = await F.LoginAsync("health");
        var dengue = Covid19.Definition with
        {
            Code = "dengue-" + Guid.NewGuid().ToString("N")[..6],
            NameZh = "登革热",
            NameEn = "Dengue fever",
            ObservationDays = 7,
            Transitions = [.. Covid19.Definition.Transitions.Select(t => t.MinDaysInState == 14 ? t with { MinDaysInState = 7, RequiredNegativeTests = 0 } : t)],
            Risk = new RiskRule(WindowDays: 14, MediumAt: 3, HighAt: 20),
        };
        var created = await health.PostAsJsonAsync("/api/epidemic/diseases", dengue, DiseaseDefinition.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // A broken definition: a transition to a state that does not exist, an observation period of 0.
        var broken = dengue with { Code = "broken", ObservationDays = 0, Transitions = [.. dengue.Transitions, new TransitionDefinition("fever", "nowhere")] };
        var refused = await Http.ProblemAsync(await health.PostAsJsonAsync("/api/epidemic/diseases", broken, DiseaseDefinition.Json), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("transitions", out _));
        Assert.True(refused.GetProperty("errors").TryGetProperty("observationDays", out _));
        Assert.False(await WithDbAsync(db => db.Set<Disease>().AnyAsync(d => d.Code == "broken")));

        // A worker follows a dengue contact with the dengue rules (7 days, no tests).
        var worker = await F.LoginAsync("guangrong");
        var id = (await CreateCaseAsync(worker, await NewPersonAsync(Guangrong), "CloseContact", dengue.Code)).GetProperty("id").GetGuid();
        await MoveAsync(worker, id, "observation-home");
        await WithDbAsync(async db =>
        {
            (await db.Set<EpiCase>().SingleAsync(x => x.Id == id)).PhaseSince = DateTimeOffset.UtcNow.AddDays(-8);
            await db.SaveChangesAsync();
            return true;
        });
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(worker, id, "released")).StatusCode);

        // A change may not drop a state open records are in; a worker may not configure at all.
        var other = (await CreateCaseAsync(worker, await NewPersonAsync(Guangrong), "FeverPatient", dengue.Code)).GetProperty("id").GetGuid();
        Assert.NotEqual(Guid.Empty, other);
        var withoutFever = dengue with
        {
            States = [.. dengue.States.Where(s => s.Code != "fever")],
            Transitions = [.. dengue.Transitions.Where(t => t.From != "fever" && t.To != "fever")],
            InitialStates = new Dictionary<CaseCategory, string>(dengue.InitialStates) { [CaseCategory.FeverPatient] = "fever-cleared" },
        };
        var update = await health.PutAsJsonAsync($"/api/epidemic/diseases/{dengue.Code}", new { definition = withoutFever, version = 1 }, DiseaseDefinition.Json);
        Assert.NotEqual(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsJsonAsync("/api/epidemic/diseases", dengue with { Code = "x-worker" }, DiseaseDefinition.Json)).StatusCode);

        // A valid change is a new version, kept.
        var longer = dengue with { ObservationDays = 10 };
        var ok = await health.PutAsJsonAsync($"/api/epidemic/diseases/{dengue.Code}", new { definition = longer, version = 1 }, DiseaseDefinition.Json);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, await WithDbAsync(db => db.Set<DiseaseVersion>().CountAsync(v => v.DiseaseCode == dengue.Code)));
        await AssertCountersExactAsync();
    }
}

public sealed class EpidemicTestsOnSqlite(SqliteHost host) : EpidemicTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class EpidemicTestsOnPostgres(PostgresHost host) : EpidemicTests(host.Factory), IClassFixture<PostgresHost>;
