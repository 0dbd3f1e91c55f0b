using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Citizens;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Time;
using Yiwang.People.Domain;

namespace Yiwang.IntegrationTests;

/// <summary>
/// The citizen side of health codes through HTTP: real-name registration and binding with every refusal, the code
/// (verifiable against the published trust list, its colour and rule from the colour book, one subject link even when
/// requests race), declarations with their validation and audit, appeals answered within scope only, venue check-in.
/// Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class CitizenTests(YiwangFactory factory)
{
    private const string Guangrong = "420116001001";
    private const string Wutongkou = "420116013001";
    private static int _sequence;

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    private sealed record Resident(Guid Id, string IdNumber, string Name, string Phone);

    /// <summary>A new resident in the registry with a known identity number, name and phone.</summary>
    private async Task<Resident> NewResidentAsync(string community = Guangrong)
    {
        var commander = await F.LoginAsync("commander");
        string[] given = ["明", "华", "强", "敏", "静", "伟", "芳", "军", "丽", "勇"];
        while (true)
        {
            var n = Interlocked.Increment(ref _sequence);
            var seq = (n * 2 + Environment.ProcessId) % 998 + 1;
            var id = ResidentIdentityNumber.Create("420116", new DateOnly(1970, 1, 1).AddDays(Random.Shared.Next(0, 12000)), seq);
            var name = "申" + given[n % given.Length] + given[(n / given.Length) % given.Length];
            var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = await commander.PostJsonAsync("/api/people", new { idNumber = id, name, phone, address = "测试路1号", communityCode = community });
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                continue;
            }

            return new Resident((await Http.JsonAsync(response)).GetProperty("id").GetGuid(), id, name, phone);
        }
    }

    private HttpClient Anonymous() => F.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static string NewUserName() => "c" + Guid.NewGuid().ToString("N")[..10];

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient c, string userName, string name, string idNumber, string phone, string password = "citizen-pass-1") =>
        c.PostJsonAsync("/api/citizen/register", new { userName, name, idNumber, phone, password });

    /// <summary>Registers a new resident as a citizen; the returned client is signed in.</summary>
    private async Task<(HttpClient Client, Resident Resident, string UserName)> CitizenAsync(string community = Guangrong)
    {
        var resident = await NewResidentAsync(community);
        var client = Anonymous();
        var userName = NewUserName();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(client, userName, resident.Name, resident.IdNumber, resident.Phone)).StatusCode);
        return (client, resident, userName);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response, HttpStatusCode status) =>
        (await Http.ProblemAsync(response, status)).TryGetProperty("code", out var c) ? c.GetString() : null;

    /// <summary>Where a redirect goes, without the host the framework may put in front.</summary>
    private static string PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { IsAbsoluteUri: true } abs ? abs.PathAndQuery : redirect.Headers.Location?.OriginalString ?? "";

    private Task<int> AccountsAsync() => WithDbAsync(db => db.Users.CountAsync());

    private Task<int> LinksAsync() => WithDbAsync(db => db.Set<CitizenLink>().CountAsync());

    private async Task CreateAccountAsync(string userName, AccountRole role, string jurisdiction)
    {
        await using var scope = F.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var result = await users.CreateAsync(new Account { UserName = userName, Role = role, JurisdictionCode = jurisdiction, DisplayName = userName }, YiwangFactory.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private async Task<HttpClient> LoginAsync(string userName, string password = YiwangFactory.Password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Declares a fever and a cough: the colour rules make the person yellow ("declared-symptoms").</summary>
    private static async Task<Guid> DeclareSickAsync(HttpClient citizen)
    {
        var response = await citizen.PostJsonAsync("/api/me/declarations", new { fever = true, symptoms = new[] { "cough" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Http.JsonAsync(response)).GetProperty("id").GetGuid();
    }

    private async Task<Dictionary<string, TrustedKey>> TrustListAsync()
    {
        var list = await Http.JsonAsync(await Anonymous().GetAsync(HealthCodesApi.TrustListPath));
        return list.GetProperty("keys").EnumerateArray().Select(k => SigningKeyService.ToTrusted(new SigningKey
        {
            Kid = k.GetProperty("kid").GetString()!,
            X = k.GetProperty("x").GetString()!,
            Y = k.GetProperty("y").GetString()!,
        })).ToDictionary(k => k.Kid);
    }

    [Fact]
    public async Task Registration_binds_only_a_resident_whose_identity_number_name_and_phone_all_match()
    {
        var resident = await NewResidentAsync();
        var other = await NewResidentAsync();
        var client = Anonymous();
        var accounts = await AccountsAsync();
        var links = await LinksAsync();

        // Malformed input: field errors, in both languages.
        var badId = await Http.ProblemAsync(await RegisterAsync(client, NewUserName(), resident.Name, resident.IdNumber[..17] + (resident.IdNumber[17] == '1' ? "2" : "1"), resident.Phone), HttpStatusCode.BadRequest);
        Assert.True(badId.GetProperty("errors").TryGetProperty("idNumber", out var idErrors));
        Assert.Contains(" / ", idErrors[0].GetString(), StringComparison.Ordinal);
        var weak = await Http.ProblemAsync(await RegisterAsync(client, NewUserName(), resident.Name, resident.IdNumber, resident.Phone, "short"), HttpStatusCode.BadRequest);
        Assert.Contains("8", weak.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        var noDigit = await Http.ProblemAsync(await RegisterAsync(client, NewUserName(), resident.Name, resident.IdNumber, resident.Phone, "onlyletters"), HttpStatusCode.BadRequest);
        Assert.Contains("digit", noDigit.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        var badUser = await Http.ProblemAsync(await RegisterAsync(client, "a b", resident.Name, resident.IdNumber, resident.Phone), HttpStatusCode.BadRequest);
        Assert.True(badUser.GetProperty("errors").TryGetProperty("userName", out _));

        // Well-formed but not this person: the same answer whichever field differs.
        var wrongName = await Http.ProblemAsync(await RegisterAsync(client, NewUserName(), other.Name == resident.Name ? "别人" : other.Name, resident.IdNumber, resident.Phone), HttpStatusCode.BadRequest);
        var wrongPhone = await Http.ProblemAsync(await RegisterAsync(client, NewUserName(), resident.Name, resident.IdNumber, other.Phone), HttpStatusCode.BadRequest);
        var wrongId = await Http.ProblemAsync(await RegisterAsync(client, NewUserName(), resident.Name, other.IdNumber, resident.Phone), HttpStatusCode.BadRequest);
        foreach (var p in new[] { wrongName, wrongPhone, wrongId })
        {
            Assert.Equal("identity-mismatch", p.GetProperty("code").GetString());
            Assert.Equal(wrongName.GetProperty("detail").GetString(), p.GetProperty("detail").GetString());
        }

        // A taken user name.
        Assert.Equal("user-name-taken", await CodeAsync(await RegisterAsync(client, "commander", resident.Name, resident.IdNumber, resident.Phone), HttpStatusCode.Conflict));

        // Nothing was written by any refusal.
        Assert.Equal(accounts, await AccountsAsync());
        Assert.Equal(links, await LinksAsync());

        // The phone as people write it (dashes) matches; the new account is signed in and bound.
        var userName = NewUserName();
        var dashed = resident.Phone[..3] + "-" + resident.Phone[3..7] + "-" + resident.Phone[7..];
        var created = await RegisterAsync(client, userName, " " + resident.Name + " ", resident.IdNumber.ToLowerInvariant(), dashed);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me/health-code")).StatusCode);
        var account = await WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == userName));
        Assert.Equal(AccountRole.Citizen, account.Role);
        Assert.Equal("", account.JurisdictionCode);
        Assert.Equal(resident.Id, await WithDbAsync(db => db.Set<CitizenLink>().Where(l => l.UserName == userName).Select(l => l.PersonId).SingleAsync()));
        Assert.True(await WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "healthcodes.citizen-bind" && a.EntityId == userName && a.Actor == userName)));

        // One account per person.
        var again = Anonymous();
        Assert.Equal("already-bound", await CodeAsync(await RegisterAsync(again, NewUserName(), resident.Name, resident.IdNumber, resident.Phone), HttpStatusCode.Conflict));
        Assert.Equal(accounts + 1, await AccountsAsync());

        // Two sign-ups of one resident at the same moment: one account, the other refused, nothing half-written.
        var twin = await NewResidentAsync();
        var before = await AccountsAsync();
        var race = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RegisterAsync(Anonymous(), NewUserName(), twin.Name, twin.IdNumber, twin.Phone)));
        Assert.Single(race, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(race.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(before + 1, await AccountsAsync());
        Assert.Equal(1, await WithDbAsync(db => db.Set<CitizenLink>().CountAsync(l => l.PersonId == twin.Id)));

        // The new account signs in with its password like any other.
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync("/api/auth/login", new { userName, password = "citizen-pass-1" })).StatusCode);
    }

    [Fact]
    public async Task An_existing_citizen_account_binds_once_and_the_demo_citizen_is_bound_at_seeding()
    {
        // The demo account was bound to a real seeded resident at first run.
        var demo = await F.LoginAsync("citizen");
        var demoLink = await WithDbAsync(db => db.Set<CitizenLink>().SingleAsync(l => l.UserName == "citizen"));
        var seeded = await WithDbAsync(db => db.Set<Person>().SingleAsync(p => p.Id == demoLink.PersonId));
        Assert.NotNull(seeded.Phone);
        if (seeded.CommunityCode != Guangrong)
        {
            // Only when 光荣居委会 had no seeded resident with a phone.
            Assert.False(await WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.CommunityCode == Guangrong && p.Phone != null && p.CreatedAt < demoLink.LinkedAt)));
        }

        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("/api/me/health-code")).StatusCode);

        // An older citizen account without a link gets nothing until it binds.
        var userName = NewUserName();
        await CreateAccountAsync(userName, AccountRole.Citizen, "");
        var client = await LoginAsync(userName);
        Assert.Equal("not-bound", await CodeAsync(await client.GetAsync("/api/me/health-code"), HttpStatusCode.Forbidden));
        var resident = await NewResidentAsync();
        Assert.Equal("identity-mismatch", await CodeAsync(await client.PostJsonAsync("/api/citizen/bind", new { name = resident.Name, idNumber = resident.IdNumber, phone = "13000000000" }), HttpStatusCode.BadRequest));
        Assert.Equal("already-bound", await CodeAsync(await client.PostJsonAsync("/api/citizen/bind", new { name = seeded.Name, idNumber = seeded.IdNumber, phone = seeded.Phone }), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/citizen/bind", new { name = resident.Name, idNumber = resident.IdNumber, phone = resident.Phone })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me/health-code")).StatusCode);
        var other = await NewResidentAsync();
        Assert.Equal("account-bound", await CodeAsync(await client.PostJsonAsync("/api/citizen/bind", new { name = other.Name, idNumber = other.IdNumber, phone = other.Phone }), HttpStatusCode.Conflict));

        // Staff accounts hold no code.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await F.LoginAsync("guangrong")).GetAsync("/api/me/health-code")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync("/api/me/health-code")).StatusCode);
    }

    [Fact]
    public async Task The_code_verifies_against_the_trust_list_and_carries_the_colour_and_deciding_rule()
    {
        var (client, resident, _) = await CitizenAsync();
        var trusted = await TrustListAsync();

        var response = await client.GetAsync("/api/me/health-code?svg=true");
        Assert.True(response.Headers.CacheControl?.NoStore);
        var green = await Http.JsonAsync(response);
        Assert.Equal("green", green.GetProperty("colour").GetString());
        Assert.Empty(green.GetProperty("reasons").EnumerateArray());
        Assert.StartsWith("<svg", green.GetProperty("svg").GetString(), StringComparison.Ordinal);
        var verified = HealthCodeFormat.Verify(green.GetProperty("qr").GetString(), kid => trusted.GetValueOrDefault(kid), DateTimeOffset.UtcNow);
        Assert.True(verified.Valid, verified.Reason);
        Assert.Equal(CodeColour.Green, verified.Claims!.Colour);
        Assert.Equal(green.GetProperty("expiresAt").GetDateTimeOffset(), verified.Claims.ExpiresAt);
        Assert.Null(verified.Claims.Rule);

        // The subject link was written with the first code, for the token the code carries.
        var link = await WithDbAsync(db => db.Set<SubjectLink>().SingleAsync(l => l.PersonId == resident.Id));
        Assert.Equal(link.Subject, verified.Claims.Subject);

        // A declared fever: the rules make the code yellow, and the code, its rule and the plain reasons follow.
        var declaration = await DeclareSickAsync(client);
        var yellow = await Http.JsonAsync(await client.GetAsync("/api/me/health-code"));
        Assert.Equal("yellow", yellow.GetProperty("colour").GetString());
        Assert.Equal("declared-symptoms", yellow.GetProperty("rule").GetString());
        Assert.False(yellow.TryGetProperty("svg", out var svg) && svg.ValueKind == JsonValueKind.String);
        var reason = yellow.GetProperty("reasons")[0];
        Assert.Equal("declared-symptoms", reason.GetProperty("ruleId").GetString());
        Assert.Equal("declaration:" + declaration, reason.GetProperty("sourceRef").GetString());
        var textZh = reason.GetProperty("textZh").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(textZh));
        Assert.Equal(textZh, reason.GetProperty("text").GetString());
        Assert.NotEqual(textZh, reason.GetProperty("textEn").GetString());
        Assert.Equal(JsonValueKind.String, reason.GetProperty("since").ValueKind);
        var yellowClaims = HealthCodeFormat.Verify(yellow.GetProperty("qr").GetString(), kid => trusted.GetValueOrDefault(kid), DateTimeOffset.UtcNow).Claims!;
        Assert.Equal(CodeColour.Yellow, yellowClaims.Colour);
        Assert.Equal("declared-symptoms", yellowClaims.Rule);
        Assert.Equal(link.Subject, yellowClaims.Subject);
        Assert.Equal(1, await WithDbAsync(db => db.Set<SubjectLink>().CountAsync(l => l.PersonId == resident.Id)));

        // History shows the change with its reasons, newest first.
        var history = await Http.JsonAsync(await client.GetAsync("/api/me/history"));
        Assert.Equal("green", history[0].GetProperty("from").GetString());
        Assert.Equal("yellow", history[0].GetProperty("to").GetString());
        Assert.Equal("declaration", history[0].GetProperty("cause").GetString());
        Assert.Equal("declared-symptoms", history[0].GetProperty("reasons")[0].GetProperty("ruleId").GetString());

        // The page shows the words, not colour alone, the QR and the reason.
        var page = await client.GetStringAsync("/me");
        Assert.Contains("黄码", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(textZh), page, StringComparison.Ordinal);
        Assert.Contains("hc-yellow", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_codes_of_a_person_write_one_subject_link_even_when_requests_and_hosts_race()
    {
        var persons = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var keys = F.Services.GetRequiredService<SigningKeyService>();
        var scopes = F.Services.GetRequiredService<IServiceScopeFactory>();
        var subjects = new System.Collections.Concurrent.ConcurrentBag<(Guid, string)>();

        // Eight issuers per person at once, each with its own memory of known persons: as eight hosts would.
        await Task.WhenAll(persons.SelectMany(person => Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var issuer = new CodeIssuer(scope.ServiceProvider.GetRequiredService<YiwangDbContext>(), keys, new KnownSubjects(), scopes, TimeProvider.System);
            var code = await issuer.IssueForPersonAsync(person, default);
            subjects.Add((person, code.Subject));
        })));

        foreach (var person in persons)
        {
            var rows = await WithDbAsync(db => db.Set<SubjectLink>().Where(l => l.PersonId == person).ToListAsync());
            Assert.Single(rows);
            Assert.All(subjects.Where(s => s.Item1 == person), s => Assert.Equal(rows[0].Subject, s.Item2));
        }

        // Over HTTP too: parallel first requests of a new citizen.
        var (client, resident, _) = await CitizenAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetAsync("/api/me/health-code")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await WithDbAsync(db => db.Set<SubjectLink>().CountAsync(l => l.PersonId == resident.Id)));
    }

    [Fact]
    public async Task Declarations_are_validated_audited_and_listed()
    {
        var (client, resident, userName) = await CitizenAsync();
        var today = DistrictTime.Today(TimeProvider.System);
        var before = await WithDbAsync(db => db.Set<Declaration>().CountAsync(d => d.PersonId == resident.Id));

        async Task<JsonElement> Refused(object body) =>
            (await Http.ProblemAsync(await client.PostJsonAsync("/api/me/declarations", body), HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.True((await Refused(new { travelRegion = "孝感", travelFrom = today.AddDays(1), travelTo = today.AddDays(2) })).TryGetProperty("travelFrom", out var future));
        Assert.Contains("future", future[0].GetString(), StringComparison.Ordinal);
        Assert.True((await Refused(new { travelRegion = "孝感", travelFrom = today.AddDays(-3), travelTo = today.AddDays(-5) })).TryGetProperty("travelTo", out _));
        Assert.True((await Refused(new { travelRegion = "孝感", travelFrom = today.AddDays(-31), travelTo = today.AddDays(-20) })).TryGetProperty("travelFrom", out var old));
        Assert.Contains("30", old[0].GetString(), StringComparison.Ordinal);
        Assert.True((await Refused(new { travelFrom = today.AddDays(-3), travelTo = today.AddDays(-2) })).TryGetProperty("travelRegion", out _));
        Assert.True((await Refused(new { travelRegion = "孝感" })).TryGetProperty("travelFrom", out _));
        Assert.True((await Refused(new { symptoms = new[] { "cough", "headache-x" } })).TryGetProperty("symptoms", out _));
        Assert.True((await Refused(new { fever = true, note = "<script>" })).TryGetProperty("note", out _));
        Assert.Equal(before, await WithDbAsync(db => db.Set<Declaration>().CountAsync(d => d.PersonId == resident.Id)));

        var created = await client.PostJsonAsync("/api/me/declarations", new
        {
            fever = true, symptoms = new[] { "cough", "fatigue", "cough" }, travelRegion = "湖北省孝感市", travelFrom = today.AddDays(-10), travelTo = today,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Http.JsonAsync(created)).GetProperty("id").GetGuid();
        var row = await WithDbAsync(db => db.Set<Declaration>().SingleAsync(d => d.Id == id));
        Assert.Equal(resident.Id, row.PersonId);
        Assert.True(row.Fever);
        Assert.Equal("cough,fatigue", row.Symptoms);
        Assert.Equal(today.AddDays(-10), row.TravelFrom);
        Assert.True(await WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Declaration) && a.EntityId == id.ToString() && a.Actor == userName)));

        // Re-evaluated in the same save: the fever made the person yellow, by this declaration and this account.
        var colour = await WithDbAsync(db => db.Set<PersonColour>().SingleAsync(c => c.PersonId == resident.Id));
        Assert.Equal(CodeColour.Yellow, colour.Colour);
        var change = await WithDbAsync(db => db.Set<ColourChange>().SingleAsync(c => c.PersonId == resident.Id));
        Assert.Equal(("declaration", "declared-symptoms", userName), (change.Cause, change.RuleId, change.Actor));
        Assert.Contains("declaration:" + id, change.ReasonsJson, StringComparison.Ordinal);

        // A plain "all well" declaration is fine too, and ends the symptoms: green again. The list shows the newest first.
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/me/declarations", new { fever = false })).StatusCode);
        Assert.Equal(CodeColour.Green, await WithDbAsync(db => db.Set<PersonColour>().Where(c => c.PersonId == resident.Id).Select(c => c.Colour).SingleAsync()));
        Assert.Equal(2, await WithDbAsync(db => db.Set<ColourChange>().CountAsync(c => c.PersonId == resident.Id)));
        var list = await Http.JsonAsync(await client.GetAsync("/api/me/declarations"));
        Assert.Equal(2, list.GetArrayLength());
        Assert.False(list[0].GetProperty("fever").GetBoolean());
        Assert.Equal("湖北省孝感市", list[1].GetProperty("travelRegion").GetString());
    }

    [Fact]
    public async Task Appeals_are_answered_in_scope_only_and_an_answer_changes_no_colour()
    {
        var (client, resident, _) = await CitizenAsync();
        await DeclareSickAsync(client);
        var colourChanges = await WithDbAsync(db => db.Set<ColourChange>().CountAsync(c => c.PersonId == resident.Id));

        Assert.True((await Http.ProblemAsync(await client.PostJsonAsync("/api/me/appeals", new { text = "太短了" }), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("text", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/api/me/appeals", new { text = new string('长', 1001) })).StatusCode);
        var filed = await client.PostJsonAsync("/api/me/appeals", new { text = "我昨天量体温时刚运动完，今天已经不烧了，请核实。" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var appeal = await Http.JsonAsync(filed);
        var id = appeal.GetProperty("id").GetGuid();
        Assert.Equal("yellow", appeal.GetProperty("colour").GetString());
        Assert.Equal("declared-symptoms", appeal.GetProperty("reasons")[0].GetProperty("ruleId").GetString());
        Assert.Equal("appeal-open", await CodeAsync(await client.PostJsonAsync("/api/me/appeals", new { text = "再申诉一次，理由同上，请尽快处理。" }), HttpStatusCode.Conflict));

        // A health officer of another township (武湖) neither sees nor answers it.
        var wuhuHealth = "wuhu-health-" + Guid.NewGuid().ToString("N")[..6];
        await CreateAccountAsync(wuhuHealth, AccountRole.HealthOfficer, "420116013");
        var wuhu = await LoginAsync(wuhuHealth);
        var wuhuQueue = await Http.JsonAsync(await wuhu.GetAsync("/api/health-codes/appeals?pageSize=200"));
        Assert.DoesNotContain(wuhuQueue.GetProperty("items").EnumerateArray(), r => r.GetProperty("appeal").GetProperty("id").GetGuid() == id);
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/health-codes/appeals/{id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.PostJsonAsync($"/api/health-codes/appeals/{id}/answer", new { answer = "不归我们管" }), HttpStatusCode.NotFound);

        // Citizens and community workers have no queue.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/health-codes/appeals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await F.LoginAsync("guangrong")).GetAsync("/api/health-codes/appeals")).StatusCode);

        // The district's health officer sees it, oldest open first, with the person's community.
        var health = await F.LoginAsync("health");
        var queue = await Http.JsonAsync(await health.GetAsync("/api/health-codes/appeals?pageSize=200"));
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        var mine = items.Single(r => r.GetProperty("appeal").GetProperty("id").GetGuid() == id);
        Assert.Equal(resident.Name, mine.GetProperty("personName").GetString());
        Assert.Equal(Guangrong, mine.GetProperty("communityCode").GetString());
        var filedTimes = items.Select(r => r.GetProperty("appeal").GetProperty("filedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(filedTimes.Order().ToList(), filedTimes);

        Assert.True((await Http.ProblemAsync(await health.PostJsonAsync($"/api/health-codes/appeals/{id}/answer", new { answer = "  " }), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("answer", out _));
        var answered = await Http.JsonAsync(await health.PostJsonAsync($"/api/health-codes/appeals/{id}/answer", new { answer = "黄码来自您申报的发热；退烧后请再申报一次健康状况，规则会恢复绿码。" }));
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        Assert.Equal("health", answered.GetProperty("answeredBy").GetString());
        Assert.Equal("already-answered", await CodeAsync(await health.PostJsonAsync($"/api/health-codes/appeals/{id}/answer", new { answer = "再答一次" }), HttpStatusCode.Conflict));
        var answeredQueue = await Http.JsonAsync(await health.GetAsync("/api/health-codes/appeals?status=answered&pageSize=200"));
        Assert.Contains(answeredQueue.GetProperty("items").EnumerateArray(), r => r.GetProperty("appeal").GetProperty("id").GetGuid() == id);

        // The citizen sees the answer; the colour is what it was, and no change was recorded.
        var mineNow = await Http.JsonAsync(await client.GetAsync("/api/me/appeals"));
        Assert.Equal("answered", mineNow[0].GetProperty("status").GetString());
        Assert.Equal("黄码来自您申报的发热；退烧后请再申报一次健康状况，规则会恢复绿码。", mineNow[0].GetProperty("answer").GetString());
        Assert.Equal("yellow", (await Http.JsonAsync(await client.GetAsync("/api/me/health-code"))).GetProperty("colour").GetString());
        Assert.Equal(colourChanges, await WithDbAsync(db => db.Set<ColourChange>().CountAsync(c => c.PersonId == resident.Id)));
        var page = await client.GetStringAsync("/me/appeal");
        Assert.Contains("已答复", page, StringComparison.Ordinal);

        // Once answered, a new appeal may be filed.
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/me/appeals", new { text = "答复收到，但颜色仍未改变，请再核实。" })).StatusCode);
    }

    [Fact]
    public async Task Checking_in_at_a_venue_poster_records_a_scan_with_the_persons_token_colour_and_key()
    {
        var (client, resident, _) = await CitizenAsync();
        var code = "T" + RandomNumberGenerator.GetHexString(7);
        var closed = "T" + RandomNumberGenerator.GetHexString(7);
        var venueId = Guid.NewGuid();
        await WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (id, c, active) in new[] { (venueId, code, true), (Guid.NewGuid(), closed, false) })
            {
                db.Set<Venue>().Add(new Venue
                {
                    Id = id, Code = c, Name = "光荣超市" + c[..3], Address = "前川街光荣路1号", Kind = "supermarket", CommunityCode = Guangrong,
                    StreetCode = Guangrong[..9], KeyHash = RandomNumberGenerator.GetHexString(64, lowercase: true), KeyHint = "k", KeyIssuedAt = now,
                    Active = active, CreatedAt = now, CreatedBy = "test",
                });
            }

            return await db.SaveChangesAsync();
        });

        // Anonymous: the poster page sends to sign-in and back; an unknown code is said plainly.
        var anonymous = Anonymous();
        var toLogin = await anonymous.GetAsync($"/v/{code}");
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Equal($"/login?returnUrl={Uri.EscapeDataString("/v/" + code)}", PathOf(toLogin));
        Assert.Contains("没有这个场所码", await anonymous.GetStringAsync("/v/NOSUCHCODE"), StringComparison.Ordinal);
        Assert.Contains(closed[..3], await client.GetStringAsync($"/v/{closed}"), StringComparison.Ordinal);

        var page = await client.GetStringAsync($"/v/{code.ToLowerInvariant()}");
        Assert.Contains("光荣超市", page, StringComparison.Ordinal);
        Assert.Contains("checkin-submit", page, StringComparison.Ordinal);

        var answer = await Http.JsonAsync(await client.PostJsonAsync("/api/me/check-ins", new { venueCode = code }));
        Assert.Equal("green", answer.GetProperty("colour").GetString());
        Assert.Equal("光荣超市" + code[..3], answer.GetProperty("venueName").GetString());
        var scanId = answer.GetProperty("scanId").GetGuid();
        var scan = await WithDbAsync(db => db.Set<Scan>().SingleAsync(s => s.Id == scanId));
        var subject = await WithDbAsync(db => db.Set<SubjectLink>().Where(l => l.PersonId == resident.Id).Select(l => l.Subject).SingleAsync());
        var activeKid = await WithDbAsync(db => db.Set<SigningKey>().Where(k => k.RetiredAt == null).Select(k => k.Kid).SingleAsync());
        Assert.Equal(ScanMode.CheckIn, scan.Mode);
        Assert.Equal(venueId, scan.VenueId);
        Assert.Equal(subject, scan.Subject);
        Assert.Equal(CodeColour.Green, scan.Colour);
        Assert.Equal(activeKid, scan.Kid);
        Assert.InRange(scan.ScannedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        // Pressing again at once is the same check-in.
        Assert.Equal(scanId, (await Http.JsonAsync(await client.PostJsonAsync("/api/me/check-ins", new { venueCode = code }))).GetProperty("scanId").GetGuid());
        Assert.Equal(1, await WithDbAsync(db => db.Set<Scan>().CountAsync(s => s.VenueId == venueId)));

        Assert.Equal("venue-unknown", await CodeAsync(await client.PostJsonAsync("/api/me/check-ins", new { venueCode = "NOSUCHCODE" }), HttpStatusCode.NotFound));
        Assert.Equal("venue-inactive", await CodeAsync(await client.PostJsonAsync("/api/me/check-ins", new { venueCode = closed }), HttpStatusCode.Conflict));
        Assert.Equal(1, await WithDbAsync(db => db.Set<Scan>().CountAsync(s => s.Subject == subject)));
    }

    [Fact]
    public async Task Citizen_pages_need_a_citizen_and_send_an_unbound_one_to_binding()
    {
        var anonymous = Anonymous();
        var toLogin = await anonymous.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/login", PathOf(toLogin), StringComparison.Ordinal);
        Assert.Contains("reg-id", await anonymous.GetStringAsync("/me/register"), StringComparison.Ordinal);

        var userName = NewUserName();
        await CreateAccountAsync(userName, AccountRole.Citizen, "");
        var unbound = await LoginAsync(userName);
        var toBind = await unbound.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Redirect, toBind.StatusCode);
        Assert.Equal("/me/bind", PathOf(toBind));

        var (client, _, _) = await CitizenAsync();
        foreach (var path in new[] { "/me", "/me/declare", "/me/appeal", "/me/history" })
        {
            var response = await client.GetAsync(path);
            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{path}: {(int)response.StatusCode}");
        }

        Assert.Contains("绿码", await client.GetStringAsync("/me"), StringComparison.Ordinal);
        // In English when the citizen chose it.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/culture/en?returnUrl=/me")).StatusCode);
        var english = await client.GetStringAsync("/me");
        Assert.Contains("Green code", english, StringComparison.Ordinal);
        Assert.Contains("No rule applies", english, StringComparison.Ordinal);
        Assert.Contains("Declare", await client.GetStringAsync("/me/declare"), StringComparison.Ordinal);
        Assert.Contains("health-codes/appeals", await (await F.LoginAsync("health")).GetStringAsync("/health-codes/appeals"), StringComparison.Ordinal);
    }
}

public sealed class CitizenTestsOnSqlite(SqliteHost host) : CitizenTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class CitizenTestsOnPostgres(PostgresHost host) : CitizenTests(host.Factory), IClassFixture<PostgresHost>;
