using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.People.Domain;

namespace Yiwang.IntegrationTests;

/// <summary>
/// The foundation end to end through HTTP: health, OpenAPI, jurisdictions, scope, masking, bad input,
/// lockout, API keys and the audit chain. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class PlatformTests(YiwangFactory factory)
{
    // Demo accounts (see DemoAccounts): a community worker in 前川街道/光荣居委会, a township officer of 前川街道,
    // one of 武湖街道, the district commander, a service clerk without unmask rights, an auditor.
    private const string Guangrong = "420116001001";
    private const string Qianchuan = "420116001";
    private const string Wuhu = "420116013";

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    /// <summary>An identity number nobody in this database holds yet (the demo population is random).</summary>
    private async Task<string> FreshIdNumberAsync()
    {
        for (var seq = 901; ; seq += 2)
        {
            var id = ResidentIdentityNumber.Create("420116", new DateOnly(1990, 1, 1).AddDays(Random.Shared.Next(0, 9000)), seq);
            if (!await WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.IdNumber == id)))
            {
                return id;
            }
        }
    }

    private Task<(int Persons, long Audit)> CountsAsync() =>
        WithDbAsync(async db => (await db.Set<Person>().CountAsync(), await db.AuditEntries.LongCountAsync()));

    [Fact]
    public async Task Health_ready_and_openapi_answer()
    {
        var c = F.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/healthz")).StatusCode);
        var ready = await Http.JsonAsync(await c.GetAsync("/readyz"));
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var openapi = await Http.JsonAsync(await c.GetAsync("/openapi/v1.json"));
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/people", out _));
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/scalar")).StatusCode);
    }

    [Fact]
    public async Task Real_jurisdiction_tree_is_loaded_with_approximate_areas()
    {
        var c = await F.LoginAsync("commander");
        var district = await Http.JsonAsync(await c.GetAsync("/api/jurisdictions/420116"));
        Assert.Equal("黄陂区", district.GetProperty("name").GetString());
        Assert.Equal(20, district.GetProperty("children").GetArrayLength());
        Assert.False(district.GetProperty("areaIsApproximate").GetBoolean());

        var wuhu = await Http.JsonAsync(await c.GetAsync($"/api/jurisdictions/{Wuhu}"));
        Assert.Equal("武湖街道", wuhu.GetProperty("name").GetString());
        Assert.Equal("420116008", wuhu.GetProperty("alternateCode").GetString());
        Assert.True(wuhu.GetProperty("areaIsApproximate").GetBoolean());

        var area = await c.GetAsync($"/api/jurisdictions/{Guangrong}/area");
        Assert.Equal("application/geo+json", area.Content.Headers.ContentType?.MediaType);
        var feature = JsonDocument.Parse(await area.Content.ReadAsStringAsync()).RootElement;
        Assert.True(feature.GetProperty("properties").GetProperty("approximate").GetBoolean());
        Assert.Contains(feature.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });

        var communities = await WithDbAsync(db => db.Jurisdictions.CountAsync(j => j.Level == Kernel.Jurisdictions.JurisdictionLevel.Community));
        Assert.Equal(681, communities);
    }

    [Fact]
    public async Task Jurisdiction_codes_are_checked_and_scoped()
    {
        var commander = await F.LoginAsync("commander");
        var bad = await Http.ProblemAsync(await commander.GetAsync("/api/jurisdictions/42A116"), HttpStatusCode.BadRequest);
        Assert.Equal("bad-jurisdiction-code", bad.GetProperty("code").GetString());
        await Http.ProblemAsync(await commander.GetAsync("/api/jurisdictions/420116999"), HttpStatusCode.NotFound);

        var worker = await F.LoginAsync("guangrong");
        var own = await Http.JsonAsync(await worker.GetAsync("/api/jurisdictions"));
        Assert.Equal(Guangrong, own.GetProperty("code").GetString());
        await Http.ProblemAsync(await worker.GetAsync($"/api/jurisdictions/{Qianchuan}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await worker.GetAsync($"/api/jurisdictions/{Wuhu}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Demo_population_lives_in_real_communities_with_valid_identity_numbers()
    {
        var persons = await WithDbAsync(db => db.Set<Person>().AsNoTracking().ToListAsync());
        Assert.True(persons.Count >= YiwangFactory.Persons);
        var seeded = await WithDbAsync(db => db.AuditEntries.FirstAsync(a => a.Action == "import" && a.Actor == "system:startup"));
        Assert.StartsWith($"gaj-huji: {YiwangFactory.Persons} rows, {YiwangFactory.Persons} created", seeded.Details, StringComparison.Ordinal);
        var today = DateOnly.FromDateTime(DateTime.Today.AddDays(1));
        Assert.All(persons, p => Assert.True(ResidentIdentityNumber.Validate(p.IdNumber, today).IsValid, p.IdNumber));
        Assert.Equal(persons.Count, persons.Select(p => p.IdNumber).Distinct().Count());
        var codes = await WithDbAsync(db => db.Jurisdictions.Select(j => j.Code).ToListAsync());
        Assert.All(persons, p => Assert.Contains(p.CommunityCode, codes));
        Assert.All(persons, p => Assert.StartsWith(p.StreetCode, p.CommunityCode, StringComparison.Ordinal));

        // The first load built its indexes at the end (IndexDeferral): every index of the model is back.
        var expected = await WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(e => e.ClrType == typeof(Person) || e.ClrType == typeof(People.Domain.SourceRecord))
            .SelectMany(e => e.GetIndexes()).Select(i => i.GetDatabaseName()!).ToList()));
        var present = await WithDbAsync(db => db.Provider == DatabaseProvider.Postgres
            ? db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = 'people'").ToListAsync()
            : db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index'").ToListAsync());
        Assert.Equal(10, expected.Count);
        Assert.All(expected, name => Assert.Contains(name, present));
    }

    [Fact]
    public async Task A_community_worker_sees_only_their_community()
    {
        var worker = await F.LoginAsync("guangrong");
        var page = await Http.JsonAsync(await worker.GetAsync("/api/people?pageSize=200"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var expected = await WithDbAsync(db => db.Set<Person>().CountAsync(p => p.CommunityCode == Guangrong));
        Assert.True(expected > 0, "the demo population should reach 光荣居委会");
        Assert.Equal(expected, page.GetProperty("total").GetInt64());
        Assert.All(items, i => Assert.Equal(Guangrong, i.GetProperty("communityCode").GetString()));

        // Even when asking for another community explicitly.
        await Http.ProblemAsync(await worker.GetAsync($"/api/people?community={Wuhu}001"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reading_another_townships_person_through_the_API_is_refused()
    {
        var wuhuPerson = await WithDbAsync(db => db.Set<Person>().Where(p => p.StreetCode == Wuhu).Select(p => p.Id).FirstAsync());
        var qianchuan = await F.LoginAsync("qianchuan");
        var refused = await Http.ProblemAsync(await qianchuan.GetAsync($"/api/people/{wuhuPerson}"), HttpStatusCode.NotFound);
        Assert.Contains("辖区", refused.GetProperty("detail").GetString());
        await Http.ProblemAsync(
            await qianchuan.PostJsonAsync($"/api/people/{wuhuPerson}/unmask", new { reason = "核查疫情线索" }), HttpStatusCode.NotFound);

        var wuhu = await F.LoginAsync("wuhu");
        var ok = await Http.JsonAsync(await wuhu.GetAsync($"/api/people/{wuhuPerson}"));
        Assert.Equal(wuhuPerson.ToString(), ok.GetProperty("id").GetString());

        var anonymous = F.CreateClient(new() { AllowAutoRedirect = false });
        await Http.ProblemAsync(await anonymous.GetAsync($"/api/people/{wuhuPerson}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Identity_numbers_are_masked_and_unmasking_needs_permission_and_a_logged_reason()
    {
        var person = await WithDbAsync(db => db.Set<Person>().Where(p => p.CommunityCode == Guangrong).FirstAsync());
        var worker = await F.LoginAsync("guangrong");
        var detail = await Http.JsonAsync(await worker.GetAsync($"/api/people/{person.Id}"));
        var masked = detail.GetProperty("idNumberMasked").GetString()!;
        Assert.Equal(person.IdNumber![..6] + "********" + person.IdNumber[^4..], masked);
        Assert.DoesNotContain(person.IdNumber, detail.GetRawText());

        var before = await CountsAsync();
        var noReason = await Http.ProblemAsync(
            await worker.PostJsonAsync($"/api/people/{person.Id}/unmask", new { reason = "" }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(before, await CountsAsync());

        var clerk = await F.LoginAsync("clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostJsonAsync($"/api/people/{person.Id}/unmask", new { reason = "办理业务核验" })).StatusCode);

        var unmasked = await Http.JsonAsync(await worker.PostJsonAsync($"/api/people/{person.Id}/unmask", new { reason = "上门核实健康状况" }));
        Assert.Equal(person.IdNumber, unmasked.GetProperty("idNumber").GetString());
        var entry = await WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Seq).FirstAsync());
        Assert.Equal("unmask", entry.Action);
        Assert.Equal("guangrong", entry.Actor);
        Assert.Equal(person.Id.ToString(), entry.EntityId);
        Assert.Equal("上门核实健康状况", entry.Reason);
    }

    public static TheoryData<string, string> BadIdentityNumbers => new()
    {
        { "42011619900101123", "wrong length" },
        { "420116199013011234", "bad date" },
        { "420116203001011238", "future birth date" },
        { "420116199001011230", "bad check character" },
        { "42011619900101123Y", "bad characters" },
    };

    [Theory]
    [MemberData(nameof(BadIdentityNumbers))]
    public async Task Malformed_identity_numbers_are_refused_and_nothing_is_written(string idNumber, string why)
    {
        var worker = await F.LoginAsync("guangrong");
        var before = await CountsAsync();
        var problem = await Http.ProblemAsync(
            await worker.PostJsonAsync("/api/people", new { idNumber, name = "测试", address = "光荣居委会1栋", communityCode = Guangrong }),
            HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("idNumber", out var msgs), why);
        Assert.Contains(" / ", msgs[0].GetString());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Unknown_codes_markup_and_foreign_scope_are_refused_and_nothing_is_written()
    {
        var worker = await F.LoginAsync("guangrong");
        var id = await FreshIdNumberAsync();
        var before = await CountsAsync();

        var unknown = await Http.ProblemAsync(
            await worker.PostJsonAsync("/api/people", new { idNumber = id, name = "测试", address = "某地", communityCode = "420116999999" }),
            HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("communityCode", out _));

        var html = await Http.ProblemAsync(
            await worker.PostJsonAsync("/api/people", new { idNumber = id, name = "<script>alert(1)</script>", address = "<b>x</b>", communityCode = Guangrong }),
            HttpStatusCode.BadRequest);
        Assert.True(html.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(html.GetProperty("errors").TryGetProperty("address", out _));

        var sqlName = await Http.ProblemAsync(
            await worker.PostJsonAsync("/api/people", new { idNumber = id, name = "x'); DROP TABLE persons;--", address = "某地", communityCode = Guangrong }),
            HttpStatusCode.BadRequest);
        Assert.True(sqlName.GetProperty("errors").TryGetProperty("name", out _));

        await Http.ProblemAsync(
            await worker.PostJsonAsync("/api/people", new { idNumber = id, name = "测试", address = "某地", communityCode = Wuhu + "001" }),
            HttpStatusCode.Forbidden);
        Assert.Equal(before, await CountsAsync());

        // SQL in a free-text field is only text: stored verbatim, the table is intact, and the search is parameterised.
        var created = await worker.PostJsonAsync("/api/people",
            new { idNumber = id, name = "黄测试", address = "光荣村'; DROP TABLE persons; --", communityCode = Guangrong });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var found = await Http.JsonAsync(await worker.GetAsync("/api/people?q=" + Uri.EscapeDataString("'; DROP TABLE persons; --")));
        Assert.Equal(1, found.GetProperty("total").GetInt64());
        Assert.Equal(before.Persons + 1, (await CountsAsync()).Persons);

        await Http.ProblemAsync(
            await worker.PostJsonAsync("/api/people", new { idNumber = id, name = "黄测试", address = "某地", communityCode = Guangrong }),
            HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Malformed_and_oversized_json_get_problem_details()
    {
        var worker = await F.LoginAsync("guangrong");
        var before = await CountsAsync();
        var malformed = await Http.ProblemAsync(
            await worker.PostAsync("/api/people", new StringContent("{\"idNumber\": \"4201", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Equal("malformed-json", malformed.GetProperty("code").GetString());

        var huge = "{\"name\":\"" + new string('黄', 100_000) + "\"}";
        await Http.ProblemAsync(
            await worker.PostAsync("/api/people", new StringContent(huge, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        // Its own account, so the lockout does not disturb other tests.
        await WithDbAsync(async db =>
        {
            using var scope = F.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Account>>();
            var r = await users.CreateAsync(new Account { UserName = "locktest", Role = Kernel.Access.AccountRole.CommunityWorker, JurisdictionCode = Guangrong, LockoutEnabled = true }, YiwangFactory.Password);
            Assert.True(r.Succeeded, string.Join("; ", r.Errors.Select(e => e.Description)));
            return 0;
        });
        var c = F.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await Http.ProblemAsync(await c.PostJsonAsync("/api/auth/login", new { userName = "locktest", password = "wrong-password" }), HttpStatusCode.Unauthorized);
            Assert.Equal("bad-credentials", wrong.GetProperty("code").GetString());
        }

        await Http.ProblemAsync(await c.PostJsonAsync("/api/auth/login", new { userName = "locktest", password = "wrong-password" }), (HttpStatusCode)423);
        var locked = await Http.ProblemAsync(
            await c.PostJsonAsync("/api/auth/login", new { userName = "locktest", password = YiwangFactory.Password }), (HttpStatusCode)423);
        Assert.Contains("锁定", locked.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Machine_clients_authenticate_with_api_keys_bound_to_a_unit()
    {
        var (key, prefix, hash) = ApiKeys.Create();
        await WithDbAsync(async db =>
        {
            db.ApiClients.Add(new ApiClient { Id = Guid.NewGuid(), Name = "hospital-test", Role = Kernel.Access.AccountRole.SourceSystem, JurisdictionCode = Qianchuan, KeyPrefix = prefix, KeyHash = hash });
            return await db.SaveChangesAsync();
        });
        var c = F.CreateClient();
        c.DefaultRequestHeaders.Add(ApiKeys.HeaderName, key);
        var own = await Http.JsonAsync(await c.GetAsync("/api/jurisdictions"));
        Assert.Equal(Qianchuan, own.GetProperty("code").GetString());
        await Http.ProblemAsync(await c.GetAsync($"/api/jurisdictions/{Wuhu}"), HttpStatusCode.NotFound);

        var forged = F.CreateClient();
        forged.DefaultRequestHeaders.Add(ApiKeys.HeaderName, key[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/jurisdictions")).StatusCode);
    }

    [Fact]
    public async Task Every_write_is_in_the_hash_chained_audit_log_and_tampering_is_caught()
    {
        var worker = await F.LoginAsync("guangrong");
        var id = await FreshIdNumberAsync();
        var created = await Http.JsonAsync(await worker.PostJsonAsync("/api/people",
            new { idNumber = id, name = "审计测试", address = "光荣居委会2栋", communityCode = Guangrong }));
        var personId = created.GetProperty("id").GetString();
        var entry = await WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == personId && a.Action == "create").SingleAsync());
        Assert.Equal("guangrong", entry.Actor);
        Assert.Equal("Person", entry.EntityType);

        var auditor = await F.LoginAsync("auditor");
        var verify = await Http.JsonAsync(await auditor.GetAsync("/api/audit/verify"));
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/audit/verify")).StatusCode);

        // The database itself refuses edits of the log.
        await Assert.ThrowsAnyAsync<Exception>(() => WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE " + AuditTable(db) + " SET details = 'forged' WHERE seq = {0}", entry.Seq)));

        // A database administrator who removes that guard is still caught by the chain.
        var original = entry.Details;
        await TamperAsync(entry.Seq, "forged");
        try
        {
            var broken = await WithDbAsync(db => AuditChain.VerifyAsync(db, null, CancellationToken.None));
            Assert.False(broken.Intact);
            Assert.Equal(entry.Seq, broken.FirstBrokenSeq);
            var api = await Http.JsonAsync(await auditor.GetAsync("/api/audit/verify"));
            Assert.Equal(entry.Seq, api.GetProperty("firstBrokenSeq").GetInt64());
        }
        finally
        {
            // Restore, so the other tests of this class keep an intact chain.
            await TamperAsync(entry.Seq, original);
        }

        Assert.True((await WithDbAsync(db => AuditChain.VerifyAsync(db, null, CancellationToken.None))).Intact);
    }

    private static string AuditTable(YiwangDbContext db) => db.Provider == DatabaseProvider.Postgres ? "kernel.audit_log" : "audit_log";

    private Task<int> TamperAsync(long seq, string? details) => WithDbAsync(async db =>
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE kernel.audit_log DISABLE TRIGGER audit_log_append_only");
            var n = await db.Database.ExecuteSqlRawAsync("UPDATE kernel.audit_log SET details = {0} WHERE seq = {1}", details!, seq);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE kernel.audit_log ENABLE TRIGGER audit_log_append_only");
            return n;
        }

        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_log_no_update");
        var m = await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET details = {0} WHERE seq = {1}", details!, seq);
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
        return m;
    });

    [Fact]
    public async Task A_sign_in_on_one_host_is_honoured_by_another_host_on_the_same_database()
    {
        // Two hosts behind a balancer share the database, and with it the Data Protection key ring.
        var first = F.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var login = await first.PostJsonAsync("/api/auth/login", new { userName = "guangrong", password = YiwangFactory.Password });
        login.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        using var secondHost = new YiwangFactory(F.Database, sameDatabaseAs: F);
        var second = secondHost.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        var me = await Http.JsonAsync(await second.SendAsync(request));
        Assert.Equal("guangrong", me.GetProperty("userName").GetString());
        Assert.True(await WithDbAsync(db => db.Set<Kernel.Security.DataProtectionKeyRow>().AnyAsync()));
    }
}

public sealed class PlatformTestsOnSqlite(SqliteHost host) : PlatformTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class PlatformTestsOnPostgres(PostgresHost host) : PlatformTests(host.Factory), IClassFixture<PostgresHost>;
