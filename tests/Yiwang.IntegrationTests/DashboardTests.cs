using Yiwang.Kernel.Contracts.Epidemic;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Features;
using Yiwang.Epidemic.Features.Risk;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Time;
using Yiwang.People.Domain;

namespace Yiwang.IntegrationTests;

/// <summary>
/// The three-level dashboard and the risk grades end to end: counts from the counters equal a plain GROUP BY of the
/// records after creating and moving them, each user starts at their unit and cannot drill outside it, grades follow
/// the disease's rule, and the export opens. Every test uses its own disease (configuration, as a new outbreak
/// would be added), so the tests do not see each other's records. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class DashboardTests(YiwangFactory factory)
{
    private const string District = "420116";
    private const string Qianchuan = "420116001";
    private const string Guangrong = "420116001001";
    private const string Wuhu = "420116013";

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs("test:dashboard");
        return await work(scope.ServiceProvider);
    }

    private Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work) => WithScopeAsync(s => work(s.GetRequiredService<YiwangDbContext>()));

    /// <summary>A new disease configured like COVID-19 (a copy of its definition under a fresh code), with this risk rule.</summary>
    private Task<string> NewDiseaseAsync(RiskRule? rule = null) => WithDbAsync(async db =>
    {
        var code = "t-" + Guid.NewGuid().ToString("N")[..12];
        var def = Covid19.Definition with { Code = code, NameZh = "测试病 " + code, NameEn = "Test " + code, Risk = rule ?? Covid19.Definition.Risk };
        var json = def.ToJson();
        db.Add(new Disease { Code = code, NameZh = def.NameZh, NameEn = def.NameEn, Definition = json, Version = 1, Active = true, UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "test" });
        db.Add(new DiseaseVersion { DiseaseCode = code, Version = 1, Definition = json, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" });
        await db.SaveChangesAsync();
        return code;
    });

    /// <summary>Persons of the demo population under a unit, grouped by community, biggest communities first.</summary>
    private Task<List<IGrouping<string, Guid>>> PersonsUnderAsync(string prefix) => WithDbAsync(async db =>
    {
        var rows = await db.Set<Person>().AsNoTracking().Where(p => p.CommunityCode.StartsWith(prefix) && p.MergedIntoId == null)
            .Select(p => new { p.Id, p.CommunityCode }).ToListAsync();
        return rows.GroupBy(r => r.CommunityCode, r => r.Id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
    });

    private Task<Guid> CreateAsync(string disease, Guid person, CaseCategory category) => WithScopeAsync(async s =>
    {
        var result = await s.GetRequiredService<CaseWorkflow>().CreateAsync(new CaseWorkflow.NewCase(person, disease, category, "manual", null), default);
        Assert.True(result.IsOk, result.Refusal?.ToString());
        return result.Value.Id;
    });

    private Task MoveAsync(Guid id, string to, string? reason = null) => WithScopeAsync<bool>(async s =>
    {
        var refusal = (await s.GetRequiredService<CaseWorkflow>().MoveAsync(id, to, reason, null, default)).Refusal;
        Assert.True(refusal is null, refusal?.ToString());
        return true;
    });

    private static async Task<JsonElement> DashboardAsync(HttpClient c, string disease, string? unit = null) =>
        await Http.JsonAsync(await c.GetAsync($"/api/epidemic/dashboard?disease={disease}" + (unit is null ? "" : $"&unit={unit}")));

    /// <summary>The plain GROUP BY of the records themselves (not the counters): (child unit, state) → count.</summary>
    private Task<Dictionary<(string Unit, string State), long>> GroupByAsync(string disease, string unit) => WithDbAsync(async db =>
    {
        var len = unit.Length == 6 ? 9 : 12;
        var rows = await db.Set<EpiCase>().AsNoTracking().Where(c => c.DiseaseCode == disease && c.CommunityCode.StartsWith(unit))
            .GroupBy(c => new { Unit = c.CommunityCode.Substring(0, len), c.State })
            .Select(g => new { g.Key.Unit, g.Key.State, Count = g.LongCount() }).ToListAsync();
        return rows.ToDictionary(r => (r.Unit, r.State), r => r.Count);
    });

    private static void AssertMatches(JsonElement view, Dictionary<(string Unit, string State), long> expected)
    {
        var states = Covid19.Definition.States;
        var seen = 0L;
        foreach (var child in view.GetProperty("children").EnumerateArray())
        {
            var code = child.GetProperty("code").GetString()!;
            foreach (var s in states)
            {
                var got = child.GetProperty("states").GetProperty(s.Code).GetInt64();
                Assert.True(expected.GetValueOrDefault((code, s.Code)) == got, $"{code} {s.Code}: expected {expected.GetValueOrDefault((code, s.Code))}, got {got}");
                seen += got;
            }

            foreach (var cat in Enum.GetValues<CaseCategory>())
            {
                var open = states.Where(s => s.Category == cat && !s.Terminal).Sum(s => expected.GetValueOrDefault((code, s.Code)));
                Assert.Equal(open, child.GetProperty("categories").GetProperty(cat.ToString()).GetInt64());
            }
        }

        Assert.Equal(expected.Values.Sum(), seen);
        var totals = view.GetProperty("totals");
        foreach (var s in states)
        {
            Assert.Equal(expected.Where(e => e.Key.State == s.Code).Sum(e => e.Value), totals.GetProperty("states").GetProperty(s.Code).GetInt64());
        }
    }

    [Fact]
    public async Task Dashboard_counts_equal_a_plain_group_by_after_creating_and_moving_records_at_every_level()
    {
        var disease = await NewDiseaseAsync();
        var qianchuan = await PersonsUnderAsync(Qianchuan);
        var wuhu = await PersonsUnderAsync(Wuhu);
        var persons = qianchuan.SelectMany(g => g).Take(12).Concat(wuhu.SelectMany(g => g).Take(4)).ToList();
        Assert.Equal(16, persons.Count);

        var ids = new List<Guid>();
        var categories = new[] { CaseCategory.FeverPatient, CaseCategory.Suspected, CaseCategory.CloseContact, CaseCategory.Confirmed };
        for (var i = 0; i < persons.Count; i++)
        {
            ids.Add(await CreateAsync(disease, persons[i], categories[i % 4]));
        }

        await MoveAsync(ids[0], "suspected");                 // fever → suspected
        await MoveAsync(ids[0], "confirmed");                 // → confirmed
        await MoveAsync(ids[2], "observation-home");          // contact → home observation
        await MoveAsync(ids[3], "hospitalised");              // confirmed → in hospital
        await MoveAsync(ids[6], "observation-centralised");
        await MoveAsync(ids[6], "confirmed");
        await MoveAsync(ids[7], "deceased", "测试 / test");   // terminal: counted by state, not among the open categories
        await MoveAsync(ids[12], "suspected");

        var commander = await F.LoginAsync("commander");
        var district = await DashboardAsync(commander, disease);
        Assert.Equal(District, district.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal(20, district.GetProperty("children").GetArrayLength());
        AssertMatches(district, await GroupByAsync(disease, District));

        var township = await DashboardAsync(commander, disease, Qianchuan);
        Assert.Equal(Qianchuan, township.GetProperty("unit").GetProperty("code").GetString());
        AssertMatches(township, await GroupByAsync(disease, Qianchuan));
        Assert.Equal(12, township.GetProperty("totals").GetProperty("states").EnumerateObject().Sum(p => p.Value.GetInt64()));

        var community = persons[0];
        var communityCode = await WithDbAsync(db => db.Set<Person>().Where(p => p.Id == community).Select(p => p.CommunityCode).SingleAsync());
        var level3 = await DashboardAsync(commander, disease, communityCode);
        Assert.Equal(communityCode, level3.GetProperty("children")[0].GetProperty("code").GetString());
        AssertMatches(level3, await GroupByAsync(disease, communityCode));

        // The district's open confirmed: ids 0 (moved), 3 (hospitalised), 6 (moved), 11, 15; 7 died.
        Assert.Equal(5, district.GetProperty("totals").GetProperty("categories").GetProperty("Confirmed").GetInt64());
        Assert.Equal(1, district.GetProperty("totals").GetProperty("states").GetProperty("deceased").GetInt64());

        // The stamp moves with a move, in the same transaction.
        var before = (await Http.JsonAsync(await commander.GetAsync($"/api/epidemic/dashboard/stamp?disease={disease}&unit={Qianchuan}"))).GetProperty("stamp").GetInt64();
        await MoveAsync(ids[4], "suspected");
        var after = (await Http.JsonAsync(await commander.GetAsync($"/api/epidemic/dashboard/stamp?disease={disease}&unit={Qianchuan}"))).GetProperty("stamp").GetInt64();
        Assert.True(after > before, $"stamp {before} → {after}");
        AssertMatches(await DashboardAsync(commander, disease, Qianchuan), await GroupByAsync(disease, Qianchuan));
    }

    [Fact]
    public async Task Each_user_starts_at_their_unit_and_cannot_drill_outside_it()
    {
        var qianchuan = await F.LoginAsync("qianchuan");
        var own = await Http.JsonAsync(await qianchuan.GetAsync("/api/epidemic/dashboard"));
        Assert.Equal(Qianchuan, own.GetProperty("unit").GetProperty("code").GetString());
        Assert.All(own.GetProperty("children").EnumerateArray(), c => Assert.StartsWith(Qianchuan, c.GetProperty("code").GetString()));
        // Breadcrumbs never go above the user's unit.
        Assert.Equal([Qianchuan], own.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("code").GetString()!));

        foreach (var outside in new[] { District, Wuhu, "420116013001" })
        {
            foreach (var route in new[] { "", "/stamp", "/map", "/export.xlsx" })
            {
                var problem = await Http.ProblemAsync(await qianchuan.GetAsync($"/api/epidemic/dashboard{route}?unit={outside}"), HttpStatusCode.NotFound);
                Assert.Equal("not-found", problem.GetProperty("code").GetString());
            }
        }

        await Http.ProblemAsync(await qianchuan.GetAsync("/api/epidemic/dashboard?unit=42011600"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await qianchuan.GetAsync("/api/epidemic/dashboard?disease=no-such-disease"), HttpStatusCode.NotFound);

        var guangrong = await F.LoginAsync("guangrong");
        var community = await Http.JsonAsync(await guangrong.GetAsync("/api/epidemic/dashboard"));
        Assert.Equal(Guangrong, community.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal(Guangrong, Assert.Single(community.GetProperty("children").EnumerateArray()).GetProperty("code").GetString());
        await Http.ProblemAsync(await guangrong.GetAsync($"/api/epidemic/dashboard?unit={Qianchuan}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await guangrong.GetAsync("/api/epidemic/dashboard?unit=420116001002"), HttpStatusCode.NotFound);

        // Accounts without the dashboard permission are refused outright.
        var clerk = await F.LoginAsync("clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/epidemic/dashboard")).StatusCode);

        // The risk grades in scope only.
        var risk = await Http.JsonAsync(await qianchuan.GetAsync("/api/epidemic/risk"));
        Assert.Equal(Qianchuan, risk.GetProperty("unit").GetString());
        Assert.All(risk.GetProperty("units").EnumerateArray(), u => Assert.StartsWith(Qianchuan, u.GetProperty("code").GetString()));
        await Http.ProblemAsync(await qianchuan.GetAsync("/api/epidemic/risk?date=yesterday"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Risk_grades_follow_the_rule_townships_take_the_highest_and_the_district_shows_all_green()
    {
        // A new outbreak's rule, as configuration: medium from 1 confirmed in 14 days, high from 3.
        var disease = await NewDiseaseAsync(new RiskRule(WindowDays: 14, MediumAt: 1, HighAt: 3));
        var commander = await F.LoginAsync("commander");
        var scheduler = F.Services.GetRequiredService<JobScheduler>();

        Assert.True(await scheduler.RunNowAsync(RiskGradeJob.JobName, default));
        var green = await Http.JsonAsync(await commander.GetAsync($"/api/epidemic/risk?disease={disease}"));
        Assert.True(green.GetProperty("computed").GetBoolean());
        Assert.True(green.GetProperty("allGreen").GetBoolean());
        Assert.Equal(702, green.GetProperty("units").GetArrayLength());
        var dash = await DashboardAsync(commander, disease);
        Assert.True(dash.GetProperty("allGreen").GetBoolean());

        // Qianchuan: its biggest community gets 2 confirmed (medium), another 1 (medium): the township's own total
        // of 3 makes it high though no community is. Wuhu: 1 confirmed in a community (medium), and one suspected
        // (not counted by the rule).
        var q = await PersonsUnderAsync(Qianchuan);
        var w = await PersonsUnderAsync(Wuhu);
        Assert.True(q[0].Count() >= 2, "the demo population has a qianchuan community with two residents");
        var c1 = q[0].Key;
        var c2 = q[1].Key;
        var c3 = w[0].Key;
        await CreateAsync(disease, q[0].ElementAt(0), CaseCategory.Confirmed);
        var moved = await CreateAsync(disease, q[0].ElementAt(1), CaseCategory.Suspected);
        await MoveAsync(moved, "confirmed");       // entering the category by a move counts too
        var twice = await CreateAsync(disease, q[1].First(), CaseCategory.Confirmed);
        await MoveAsync(twice, "hospitalised");    // moving inside the category is not a second record
        await CreateAsync(disease, w[0].First(), CaseCategory.Confirmed);
        await CreateAsync(disease, w[1].First(), CaseCategory.Suspected);

        Assert.True(await scheduler.RunNowAsync(RiskGradeJob.JobName, default));
        Assert.True(await scheduler.RunNowAsync(RiskGradeJob.JobName, default)); // idempotent: same rows, same grades
        var today = DistrictTime.Today(TimeProvider.System);
        var rows = await WithDbAsync(db => db.Set<RiskGrade>().AsNoTracking().Where(r => r.DiseaseCode == disease && r.Date == today).ToListAsync());
        Assert.Equal(702, rows.Count);
        var grade = rows.ToDictionary(r => r.UnitCode);
        Assert.Equal((RiskLevel.Medium, 2), (grade[c1].Level, grade[c1].Count));
        Assert.Equal((RiskLevel.Medium, 1), (grade[c2].Level, grade[c2].Count));
        Assert.Equal((RiskLevel.High, 3), (grade[Qianchuan].Level, grade[Qianchuan].Count));
        Assert.Equal((RiskLevel.Medium, 1), (grade[c3].Level, grade[c3].Count));
        Assert.Equal(RiskLevel.Low, grade[w[1].Key].Level);
        Assert.Equal((RiskLevel.Medium, 1), (grade[Wuhu].Level, grade[Wuhu].Count));
        Assert.Equal((RiskLevel.High, 4), (grade[District].Level, grade[District].Count));
        Assert.Equal(6, rows.Count(r => r.Level != RiskLevel.Low)); // c1, c2, c3, the two townships and the district
        // One audit entry per computation that changed something (all green, then with the records); the idempotent rerun wrote nothing.
        var key = $"{disease}/{today:yyyy-MM-dd}";
        var audits = await WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(RiskGrade) && a.EntityId == key).OrderBy(a => a.Seq).Select(a => a.Details).ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.StartsWith("6 grades written; high 2, medium 4", audits[^1]); // qianchuan and the district; c1, c2, c3 and wuhu
        var red = await Http.JsonAsync(await commander.GetAsync($"/api/epidemic/risk?disease={disease}"));
        Assert.False(red.GetProperty("allGreen").GetBoolean());
        Assert.Equal("High", red.GetProperty("level").GetString());

        // The dashboard colours each child by its grade.
        var district = await DashboardAsync(commander, disease);
        Assert.False(district.GetProperty("allGreen").GetBoolean());
        var townships = district.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("risk").GetString());
        Assert.Equal("High", townships[Qianchuan]);
        Assert.Equal("Medium", townships[Wuhu]);
        Assert.Equal("Low", townships["420116002"]);

        // Outside the 14-day window everything is green again.
        var later = today.AddDays(15);
        await WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<YiwangDbContext>();
            var d = await db.Set<Disease>().SingleAsync(x => x.Code == disease);
            return await s.GetRequiredService<RiskGrader>().ComputeAsync(d, DiseaseDefinition.FromJson(d.Definition)!, later, default);
        });
        var future = await Http.JsonAsync(await commander.GetAsync($"/api/epidemic/risk?disease={disease}&date={later:yyyy-MM-dd}"));
        Assert.True(future.GetProperty("allGreen").GetBoolean());
    }

    [Fact]
    public async Task The_current_level_exports_to_xlsx_with_a_row_per_child_and_the_totals()
    {
        var disease = await NewDiseaseAsync();
        var q = await PersonsUnderAsync(Qianchuan);
        await CreateAsync(disease, q[0].First(), CaseCategory.Confirmed);
        await CreateAsync(disease, q[1].First(), CaseCategory.CloseContact);

        var qianchuan = await F.LoginAsync("qianchuan");
        var response = await qianchuan.GetAsync($"/api/epidemic/dashboard/export.xlsx?disease={disease}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var communities = (await DashboardAsync(qianchuan, disease)).GetProperty("children").GetArrayLength();
        Assert.Equal(communities + 1, rows.Count);
        var byCode = rows.ToDictionary(r => Convert.ToString(r["代码 / Code"], System.Globalization.CultureInfo.InvariantCulture)!);
        Assert.Equal(1d, Convert.ToDouble(byCode[q[0].Key]["确诊病例 / Confirmed"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1d, Convert.ToDouble(byCode[q[1].Key]["密切接触者 / Close contacts"], System.Globalization.CultureInfo.InvariantCulture));
        var total = rows[^1];
        Assert.Equal(Qianchuan, Convert.ToString(total["代码 / Code"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1d, Convert.ToDouble(total["确诊 / Confirmed"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1d, Convert.ToDouble(total["已追踪待隔离 / Traced, awaiting observation"], System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class DashboardTestsOnSqlite(SqliteHost host) : DashboardTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class DashboardTestsOnPostgres(PostgresHost host) : DashboardTests(host.Factory), IClassFixture<PostgresHost>;
