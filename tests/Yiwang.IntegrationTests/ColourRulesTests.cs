using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Jobs;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Colours come only from rules or approved overrides: four-category records colour people through the outbox, each
/// colour carries its rule and source record, every change is in the history and the audit log, a rule change is
/// versioned and re-evaluates everyone, time steps fall due by the review job, and an override needs a second person.
/// Runs on SQLite and PostgreSQL.
/// </summary>
public abstract partial class ColourRulesTests(YiwangFactory factory)
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

    private async Task<Guid> NewPersonAsync(string community)
    {
        var commander = await F.LoginAsync("commander");
        while (true)
        {
            var seq = Interlocked.Add(ref _sequence, 2) % 998 + 1;
            var id = ResidentIdentityNumber.Create("420116", new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 9000)), seq);
            var response = await commander.PostJsonAsync("/api/people", new { idNumber = id, name = "颜色测试", address = "测试地址2号", communityCode = community });
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                continue;
            }

            return (await Http.JsonAsync(response)).GetProperty("id").GetGuid();
        }
    }

    private static async Task<Guid> CreateCaseAsync(HttpClient c, Guid person, string category)
    {
        var response = await c.PostJsonAsync("/api/epidemic/cases", new { personId = person, category });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Http.JsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> ColourAsync(HttpClient c, Guid person) => await Http.JsonAsync(await c.GetAsync($"/api/health-codes/persons/{person}/colour"));

    private static Task<JsonElement> ColourIsAsync(HttpClient c, Guid person, string colour) =>
        Eventually.WaitAsync(() => ColourAsync(c, person), j => j.GetProperty("colour").GetString() == colour, $"{person} to be {colour}");

    [Fact]
    public async Task A_confirmed_case_makes_the_person_red_with_its_rule_and_record_and_the_change_is_audited()
    {
        var person = await NewPersonAsync(Guangrong);
        var health = await F.LoginAsync("health");
        Assert.Equal("green", (await ColourAsync(health, person)).GetProperty("colour").GetString());

        var caseId = await CreateCaseAsync(health, person, "Confirmed");
        var view = await ColourIsAsync(health, person, "red");
        var reason = Assert.Single(view.GetProperty("reasons").EnumerateArray());
        Assert.Equal("confirmed-case", reason.GetProperty("ruleId").GetString());
        Assert.Equal("case:" + caseId, reason.GetProperty("sourceRef").GetString());
        Assert.Equal("red", reason.GetProperty("colour").GetString());
        Assert.Contains("确诊", reason.GetProperty("textZh").GetString(), StringComparison.Ordinal);
        var change = Assert.Single(view.GetProperty("history").EnumerateArray());
        Assert.Equal("green", change.GetProperty("from").GetString());
        Assert.Equal("red", change.GetProperty("to").GetString());
        Assert.Equal("rule", change.GetProperty("cause").GetString());
        Assert.Equal("confirmed-case", change.GetProperty("ruleId").GetString());

        var audit = await WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Action == "healthcodes.colour-change" && a.EntityId == person.ToString()).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Contains("Green → Red", entry.Details, StringComparison.Ordinal);
        Assert.Contains("case:" + caseId, entry.Details, StringComparison.Ordinal);

        // The dashboard counts red codes per township and community from the same rows.
        var figures = F.Services.GetServices<IUnitFigureSource>().OfType<ColourFigures>().Single();
        var (streets, communities) = await WithDbAsync(async db => (await figures.CountAsync(db, "420116", 9, default), await figures.CountAsync(db, "420116001", 12, default)));
        var reds = await WithDbAsync(db => db.Set<PersonColour>().CountAsync(c => c.Colour == CodeColour.Red && c.CommunityCode == Guangrong));
        Assert.Equal(reds, communities.Single(f => f.Figure == ColourFigures.Red && f.UnitCode == Guangrong).Value);
        Assert.True(streets.Single(f => f.Figure == ColourFigures.Red && f.UnitCode == "420116001").Value >= reds);

        // A move within the category keeps red with the same reason and adds no history.
        Assert.Equal(HttpStatusCode.OK, (await health.PostJsonAsync($"/api/epidemic/cases/{caseId}/moves", new { to = "hospitalised" })).StatusCode);
        await Eventually.WaitAsync(() => WithDbAsync(db => db.Set<ColourFact>().CountAsync(f => f.SourceId == caseId)), n => n == 2, "the second span");
        var still = await ColourAsync(health, person);
        Assert.Equal("red", still.GetProperty("colour").GetString());
        Assert.Single(still.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task A_released_close_contact_turns_yellow_and_the_review_job_turns_it_green_when_the_step_ends()
    {
        var person = await NewPersonAsync(Guangrong);
        var health = await F.LoginAsync("health");
        await CreateCaseAsync(health, person, "CloseContact");
        await ColourIsAsync(health, person, "red");

        // The observation ended 8 days ago (set the span's end as the passing days would): close-contact gives yellow for 7 days after.
        var past = DateTimeOffset.UtcNow.AddDays(-6);
        await WithDbAsync(async db =>
        {
            var fact = await db.Set<ColourFact>().SingleAsync(f => f.PersonId == person);
            fact.End = past;
            fact.EndState = "released";
            fact.Start = past.AddDays(-14);
            await db.SaveChangesAsync();
            return true;
        });
        await using (var scope = F.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            await scope.ServiceProvider.GetRequiredService<ColourEngine>().ReevaluateAsync(db, person, "rule", "test", default);
            await db.SaveChangesAsync();
        }

        var yellow = await ColourAsync(health, person);
        Assert.Equal("yellow", yellow.GetProperty("colour").GetString());
        var row = await WithDbAsync(db => db.Set<PersonColour>().SingleAsync(c => c.PersonId == person));
        Assert.NotNull(row.NextReviewAt);

        // Time passes: the step is over; the review job finds the row by its due time.
        await WithDbAsync(async db =>
        {
            var fact = await db.Set<ColourFact>().SingleAsync(f => f.PersonId == person);
            fact.End = DateTimeOffset.UtcNow.AddDays(-8);
            var r = await db.Set<PersonColour>().SingleAsync(c => c.PersonId == person);
            r.NextReviewAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
            return true;
        });
        Assert.True(await F.Services.GetRequiredService<JobScheduler>().RunNowAsync(ColourReviewJob.JobName, default));
        var green = await ColourAsync(health, person);
        Assert.Equal("green", green.GetProperty("colour").GetString());
        Assert.Empty(green.GetProperty("reasons").EnumerateArray());
        var history = green.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal("review", history[0].GetProperty("cause").GetString());
        Assert.Null((await WithDbAsync(db => db.Set<PersonColour>().SingleAsync(c => c.PersonId == person))).NextReviewAt);
    }

    [Fact]
    public async Task A_source_flag_colours_by_a_flag_rule_and_ending_it_clears_the_colour()
    {
        var person = await NewPersonAsync(Guangrong);
        var handler = F.Services.GetServices<Kernel.Events.IOutboxHandler>().OfType<FlagColourHandler>().Single();
        var set = ColourRuleSet.Default with
        {
            Rules = [.. ColourRuleSet.Default.Rules, new ColourRule("low-income-test", "测试标记", "Test flag", new RuleWhen("flag", Flags: ["TestFlag"]), RuleColour.Yellow, [], null)],
        };
        var commander = await F.LoginAsync("commander");
        var current = (await Http.JsonAsync(await commander.GetAsync("/api/health-codes/rules"))).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await commander.PutAsJsonAsync("/api/health-codes/rules", new { json = set.ToJson(), reason = "测试标记规则", expectedVersion = current })).StatusCode);
        F.Services.GetRequiredService<ColourRules>().Invalidate();

        var record = Guid.NewGuid();
        var on = new PersonFlagChanged(person, "TestFlag", true, record, "test-source", Guangrong, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), DateTimeOffset.UtcNow);
        for (var i = 0; i < 2; i++)
        {
            await using var scope = F.Services.CreateAsyncScope();
            await handler.HandleAsync(JsonSerializer.Serialize(on, JsonSerializerOptions.Web), scope.ServiceProvider, default);
        }

        var health = await F.LoginAsync("health");
        var view = await ColourAsync(health, person);
        Assert.Equal("yellow", view.GetProperty("colour").GetString());
        Assert.Equal("source-record:" + record, view.GetProperty("reasons")[0].GetProperty("sourceRef").GetString());
        Assert.Single(await WithDbAsync(db => db.Set<ColourFact>().Where(f => f.PersonId == person).ToListAsync()));

        await using (var scope = F.Services.CreateAsyncScope())
        {
            await handler.HandleAsync(JsonSerializer.Serialize(on with { Active = false, At = DateTimeOffset.UtcNow }, JsonSerializerOptions.Web), scope.ServiceProvider, default);
        }

        Assert.Equal("green", (await ColourAsync(health, person)).GetProperty("colour").GetString());
    }

    [Fact]
    public async Task A_rule_change_is_validated_versioned_audited_and_re_evaluates_everyone()
    {
        var person = await NewPersonAsync(Guangrong);
        var health = await F.LoginAsync("health");
        await CreateCaseAsync(health, person, "FeverPatient");
        await ColourIsAsync(health, person, "yellow");

        var commander = await F.LoginAsync("commander");
        var before = await Http.JsonAsync(await commander.GetAsync("/api/health-codes/rules"));
        var version = before.GetProperty("version").GetInt32();

        // Refused whole, nothing written: malformed JSON, a green rule, no reason, a stale version; a community worker may not.
        await Http.ProblemAsync(await commander.PutAsJsonAsync("/api/health-codes/rules", new { json = "{oops", reason = "测试修改" }), HttpStatusCode.BadRequest);
        var green = ColourRuleSet.Default.ToJson().Replace("\"colour\": \"yellow\"", "\"colour\": \"green\"", StringComparison.Ordinal);
        var bad = await Http.ProblemAsync(await commander.PutAsJsonAsync("/api/health-codes/rules", new { json = green, reason = "测试修改" }), HttpStatusCode.BadRequest);
        Assert.Contains(bad.GetProperty("errors").EnumerateObject(), p => p.Name.EndsWith(".colour", StringComparison.Ordinal));
        await Http.ProblemAsync(await commander.PutAsJsonAsync("/api/health-codes/rules", new { json = ColourRuleSet.Default.ToJson() }), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await commander.PutAsJsonAsync("/api/health-codes/rules", new { json = ColourRuleSet.Default.ToJson(), reason = "测试修改", expectedVersion = version - 1 }), HttpStatusCode.Conflict);
        var guangrong = await F.LoginAsync("guangrong");
        Assert.Equal(HttpStatusCode.Forbidden, (await guangrong.PutAsJsonAsync("/api/health-codes/rules", new { json = ColourRuleSet.Default.ToJson(), reason = "测试修改" })).StatusCode);
        Assert.Equal(version, (await Http.JsonAsync(await commander.GetAsync("/api/health-codes/rules"))).GetProperty("version").GetInt32());

        // Fever patients become red under the new version.
        var set = ColourRuleSet.Default with
        {
            Rules = [.. ColourRuleSet.Default.Rules.Select(r => r.Id == "fever-patient" ? r with { Colour = RuleColour.Red } : r)],
        };
        var saved = await Http.JsonAsync(await commander.PutAsJsonAsync("/api/health-codes/rules", new { json = set.ToJson(), reason = "发热门诊升级为红码", expectedVersion = version }));
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.False(saved.GetProperty("finished").GetBoolean());
        Assert.Contains(await WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Action == "healthcodes.rules-change").Select(a => a.EntityId).ToListAsync()),
            id => id == (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(await F.Services.GetRequiredService<JobScheduler>().RunNowAsync(ColourReevaluationJob.JobName, default));
        var after = await Http.JsonAsync(await commander.GetAsync("/api/health-codes/rules"));
        Assert.True(after.GetProperty("finished").GetBoolean());
        Assert.Equal(after.GetProperty("total").GetInt32(), after.GetProperty("done").GetInt32());
        var view = await ColourAsync(health, person);
        Assert.Equal("red", view.GetProperty("colour").GetString());
        Assert.Equal(version + 1, view.GetProperty("reasons")[0].GetProperty("ruleSetVersion").GetInt32());
        Assert.Equal("rule-change", view.GetProperty("history")[0].GetProperty("cause").GetString());
        Assert.Equal(0, await WithDbAsync(db => db.Set<PersonColour>().CountAsync(c => c.RuleSetVersion < version + 1)));

        // Back to the default rules for the other tests.
        Assert.Equal(HttpStatusCode.OK, (await commander.PutAsJsonAsync("/api/health-codes/rules", new { json = ColourRuleSet.Default.ToJson(), reason = "恢复默认规则", expectedVersion = version + 1 })).StatusCode);
        Assert.True(await F.Services.GetRequiredService<JobScheduler>().RunNowAsync(ColourReevaluationJob.JobName, default));
        Assert.Equal("yellow", (await ColourAsync(health, person)).GetProperty("colour").GetString());
    }

    [Fact]
    public async Task An_override_needs_a_reason_and_a_second_approver_and_only_then_changes_the_colour()
    {
        var person = await NewPersonAsync(Guangrong);
        var health = await F.LoginAsync("health");
        var health2 = await F.LoginAsync("health2");
        await CreateCaseAsync(health, person, "Confirmed");
        await ColourIsAsync(health, person, "red");
        var url = $"/api/health-codes/persons/{person}/overrides";

        Assert.Equal("reason-required", (await Http.ProblemAsync(await health.PostJsonAsync(url, new { colour = "green", reason = "太短" }), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        Assert.Equal("bad-colour", (await Http.ProblemAsync(await health.PostJsonAsync(url, new { colour = "blue", reason = "身份信息被他人冒用导致误报" }), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        Assert.Equal("bad-days", (await Http.ProblemAsync(await health.PostJsonAsync(url, new { colour = "green", reason = "身份信息被他人冒用导致误报", days = 90 }), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var guangrong = await F.LoginAsync("guangrong");
        Assert.Equal(HttpStatusCode.Forbidden, (await guangrong.PostJsonAsync(url, new { colour = "green", reason = "身份信息被他人冒用导致误报" })).StatusCode);

        var created = await health.PostJsonAsync(url, new { colour = "green", reason = "身份信息被他人冒用导致误报", days = 7 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Http.JsonAsync(created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await health2.PostJsonAsync(url, new { colour = "green", reason = "身份信息被他人冒用导致误报" })).StatusCode);
        Assert.Equal("red", (await ColourAsync(health, person)).GetProperty("colour").GetString());

        // The requester cannot approve it; nothing changes.
        var own = await Http.ProblemAsync(await health.PostJsonAsync($"/api/health-codes/overrides/{id}/approve", new { note = "同意" }), HttpStatusCode.Forbidden);
        Assert.Equal("same-approver", own.GetProperty("code").GetString());
        Assert.Equal("red", (await ColourAsync(health, person)).GetProperty("colour").GetString());
        var pending = await Http.JsonAsync(await health2.GetAsync("/api/health-codes/overrides?status=pending"));
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);

        // A second officer approves: green, with the override as the deciding reason, in the history and the audit log.
        Assert.Equal(HttpStatusCode.OK, (await health2.PostJsonAsync($"/api/health-codes/overrides/{id}/approve", new { note = "核实属实" })).StatusCode);
        var view = await ColourAsync(health, person);
        Assert.Equal("green", view.GetProperty("colour").GetString());
        Assert.Equal("override", view.GetProperty("reasons")[0].GetProperty("ruleId").GetString());
        var change = view.GetProperty("history")[0];
        Assert.Equal("override", change.GetProperty("cause").GetString());
        Assert.Equal(id, change.GetProperty("overrideId").GetGuid());
        Assert.Equal("health2", change.GetProperty("actor").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await health2.PostJsonAsync($"/api/health-codes/overrides/{id}/approve", new { note = "再次" })).StatusCode);
        var actions = await WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.EntityId == person.ToString() && a.Action.StartsWith("healthcodes.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("healthcodes.override-request", actions);
        Assert.Contains("healthcodes.override-approve", actions);
        Assert.Equal(2, actions.Count(a => a == "healthcodes.colour-change"));

        // Revoked: the rules decide again.
        await Http.ProblemAsync(await health.PostJsonAsync($"/api/health-codes/overrides/{id}/revoke", new { }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await health.PostJsonAsync($"/api/health-codes/overrides/{id}/revoke", new { note = "复核后撤销" })).StatusCode);
        Assert.Equal("red", (await ColourAsync(health, person)).GetProperty("colour").GetString());
    }

    [Fact]
    public async Task Colours_are_read_within_scope_only()
    {
        var person = await NewPersonAsync(Wuhu001);
        var guangrong = await F.LoginAsync("guangrong");
        await Http.ProblemAsync(await guangrong.GetAsync($"/api/health-codes/persons/{person}/colour"), HttpStatusCode.NotFound);
        var wuhu = await F.LoginAsync("wuhu");
        Assert.Equal(HttpStatusCode.OK, (await wuhu.GetAsync($"/api/health-codes/persons/{person}/colour")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await F.LoginAsync("citizen")).GetAsync($"/api/health-codes/persons/{person}/colour")).StatusCode);
    }

    [Fact]
    public async Task A_declaration_with_symptoms_is_yellow_until_a_healthy_one()
    {
        var person = await NewPersonAsync(Guangrong);
        async Task DeclareAsync(bool fever)
        {
            await using var scope = F.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            db.Add(new Declaration { Id = Guid.NewGuid(), PersonId = person, DeclaredAt = DateTimeOffset.UtcNow, Fever = fever });
            await scope.ServiceProvider.GetRequiredService<ColourEngine>().ReevaluateAsync(db, person, "declaration", "test", default);
            await db.SaveChangesAsync();
        }

        await DeclareAsync(true);
        var health = await F.LoginAsync("health");
        var view = await ColourAsync(health, person);
        Assert.Equal("yellow", view.GetProperty("colour").GetString());
        Assert.Equal("declared-symptoms", view.GetProperty("reasons")[0].GetProperty("ruleId").GetString());
        await Task.Delay(20);
        await DeclareAsync(false);
        Assert.Equal("green", (await ColourAsync(health, person)).GetProperty("colour").GetString());
    }
}

public abstract partial class ColourRulesTests
{
    [Fact]
    public async Task A_declared_stay_in_a_listed_risk_area_is_yellow_until_14_days_after_leaving()
    {
        var commander = await F.LoginAsync("commander");
        var current = (await Http.JsonAsync(await commander.GetAsync("/api/health-codes/rules"))).GetProperty("version").GetInt32();
        var set = ColourRuleSet.Default with { RiskAreas = [new RiskArea("310115", "上海市浦东新区", "Pudong")] };
        Assert.Equal(HttpStatusCode.OK, (await commander.PutAsJsonAsync("/api/health-codes/rules", new { json = set.ToJson(), reason = "浦东新区列为中风险地区", expectedVersion = current })).StatusCode);
        F.Services.GetRequiredService<ColourRules>().Invalidate();

        var person = await NewPersonAsync(Guangrong);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var scope = F.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            db.Add(new Declaration { Id = Guid.NewGuid(), PersonId = person, DeclaredAt = DateTimeOffset.UtcNow, TravelRegion = "上海市浦东新区张江镇", TravelFrom = today.AddDays(-5), TravelTo = today.AddDays(-2) });
            await scope.ServiceProvider.GetRequiredService<ColourEngine>().ReevaluateAsync(db, person, "declaration", "test", default);
            await db.SaveChangesAsync();
        }

        var view = await ColourAsync(await F.LoginAsync("health"), person);
        Assert.Equal("yellow", view.GetProperty("colour").GetString());
        Assert.Equal("risk-area-stay", view.GetProperty("reasons")[0].GetProperty("ruleId").GetString());
        var row = await WithDbAsync(db => db.Set<PersonColour>().SingleAsync(c => c.PersonId == person));
        Assert.InRange(row.NextReviewAt!.Value, DateTimeOffset.UtcNow.AddDays(11), DateTimeOffset.UtcNow.AddDays(13));
    }
}

public sealed class ColourRulesTestsOnSqlite(SqliteHost host) : ColourRulesTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class ColourRulesTestsOnPostgres(PostgresHost host) : ColourRulesTests(host.Factory), IClassFixture<PostgresHost>;
