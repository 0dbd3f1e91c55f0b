using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Epidemic.Domain;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Colours;
using Yiwang.HealthCodes.Features.Tracing;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Jobs;
using Yiwang.Kernel.Time;
using Yiwang.HealthCodes.Features.Venues;
using Yiwang.HealthCodes.Postgres;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Exposure tracing end to end: exactly the persons who scanned at the same venues within the window (edges included),
/// permission and scope refusals, contacts outside the officer's scope masked, confirmation in one action opening
/// close-contact records through the outbox (idempotently), automatic tracing when a record becomes confirmed, and
/// scan retention (also with two hosts racing). The background scheduler is off: the tests run the retention job
/// themselves. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract partial class TracingTests(YiwangFactory factory)
{
    private const string Guangrong = "420116001001";
    private const string Wuhu001 = "420116013001";
    private const string TownshipOfficer = "trace-wuhu";

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    private static int _sequence = 3;

    /// <summary>Registers a person in a community (as the district would) and returns their id.</summary>
    private async Task<Guid> NewPersonAsync(string community, string name)
    {
        var commander = await F.LoginAsync("commander");
        while (true)
        {
            var seq = Interlocked.Add(ref _sequence, 2) % 998 + 1;
            var id = ResidentIdentityNumber.Create("420116", new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 15000)), seq);
            var response = await commander.PostJsonAsync("/api/people", new { idNumber = id, name, address = "测试地址8号", communityCode = community, phone = "13912345678" });
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                continue;
            }

            return (await Http.JsonAsync(response)).GetProperty("id").GetGuid();
        }
    }

    private static string NewToken() => HealthCodeFormat.Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The subject link a code's issuance writes: the person's pseudonymous token.</summary>
    private async Task<string> LinkAsync(Guid person)
    {
        var token = NewToken();
        await WithDbAsync(db =>
        {
            db.Add(new SubjectLink { Subject = token, PersonId = person, CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        return token;
    }

    private async Task<Guid> VenueAsync(string community, string name)
    {
        var venue = new Venue
        {
            Id = Guid.NewGuid(), Code = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), Name = name, Address = "测试路1号", Kind = "supermarket",
            CommunityCode = community, StreetCode = community[..9], KeyHash = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), KeyHint = "test",
            KeyIssuedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        };
        await WithDbAsync(db =>
        {
            db.Add(venue);
            return db.SaveChangesAsync();
        });
        return venue.Id;
    }

    private Task ScansAsync(params (Guid Venue, string Subject, DateTimeOffset At)[] scans) => WithDbAsync(db =>
    {
        db.AddRange(scans.Select(s => new Scan
        {
            Id = Guid.NewGuid(), VenueId = s.Venue, Subject = s.Subject, ScannedAt = s.At, ReceivedAt = s.At, Colour = CodeColour.Green, Kid = "test", Mode = ScanMode.Batch,
        }));
        return db.SaveChangesAsync();
    });

    /// <summary>A whole second, a given number of days back (district daytime is irrelevant to the rule).</summary>
    private static DateTimeOffset DaysAgo(double days) => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-days).ToUnixTimeSeconds());

    private static async Task<JsonElement> TraceAsync(HttpClient c, Guid person, int? window = null, int? days = null)
    {
        var response = await c.PostJsonAsync("/api/health-codes/tracings", new { personId = person, windowMinutes = window, days });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Http.JsonAsync(response);
    }

    private static List<JsonElement> Contacts(JsonElement detail) => [.. detail.GetProperty("contacts").GetProperty("items").EnumerateArray()];

    private static Guid Id(JsonElement e, string name = "id") => e.GetProperty(name).GetGuid();

    private static Task WaitForAsync(Func<Task<bool>> condition) => Eventually.UntilAsync(condition);

    /// <summary>Waits until the outbox has delivered every message of a topic.</summary>
    private Task DeliveredAsync(string topic) =>
        WaitForAsync(() => WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.Topic != topic || m.ProcessedAt != null)));

    private async Task PublishAsync<T>(string topic, T payload) => await WithDbAsync(db =>
    {
        db.Publish(topic, payload, DateTimeOffset.UtcNow);
        return db.SaveChangesAsync();
    });

    /// <summary>A health officer of one township (the demo health officers work district-wide).</summary>
    private async Task<HttpClient> TownshipHealthOfficerAsync()
    {
        await using (var scope = F.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            if (await users.FindByNameAsync(TownshipOfficer) is null)
            {
                var r = await users.CreateAsync(new Account { UserName = TownshipOfficer, Role = Kernel.Access.AccountRole.HealthOfficer, JurisdictionCode = "420116013" }, YiwangFactory.Password);
                Assert.True(r.Succeeded, string.Join("; ", r.Errors.Select(e => e.Description)));
            }
        }

        return await F.LoginAsync(TownshipOfficer);
    }

    [Fact]
    public async Task Tracing_finds_exactly_the_persons_at_the_same_venue_within_the_window()
    {
        var index = await NewPersonAsync(Guangrong, "追踪病例");
        var names = new[] { "边界后", "边界前", "差一秒", "两处", "别处", "太早" };
        var persons = new List<Guid>();
        foreach (var n in names)
        {
            persons.Add(await NewPersonAsync(Guangrong, n));
        }

        var (after, before, oneSecondLate, twoVenues, elsewhere, tooEarly) = (persons[0], persons[1], persons[2], persons[3], persons[4], persons[5]);
        var s = await LinkAsync(index);
        var tokens = new Dictionary<Guid, string>();
        foreach (var p in persons)
        {
            tokens[p] = await LinkAsync(p);
        }

        var a = await VenueAsync(Guangrong, "光荣超市");
        var b = await VenueAsync(Guangrong, "光荣药店");
        var c = await VenueAsync(Guangrong, "光荣菜场");
        var t1 = DaysAgo(2);
        var t2 = DaysAgo(3);
        var t3 = DaysAgo(20);
        await ScansAsync(
            (a, s, t1), (a, s, t1.AddMinutes(20)), (b, s, t2), (a, s, t3),
            // Exactly 30 minutes after the index person's second visit at A, and exactly 30 minutes before the first.
            (a, tokens[after], t1.AddMinutes(50)),
            (a, tokens[before], t1.AddMinutes(-30)),
            (a, tokens[oneSecondLate], t1.AddMinutes(50).AddSeconds(1)),
            // Met at A (within both of the index person's visits there) and at B.
            (a, tokens[twoVenues], t1.AddMinutes(10)), (b, tokens[twoVenues], t2.AddMinutes(5)),
            (c, tokens[elsewhere], t1),
            // Near a visit older than 14 days.
            (a, tokens[tooEarly], t3.AddMinutes(1)),
            // A token no person is linked to.
            (a, NewToken(), t1.AddMinutes(5)));

        var health = await F.LoginAsync("health");
        var detail = await TraceAsync(health, index);
        var tracing = detail.GetProperty("tracing");
        Assert.Equal("manual", tracing.GetProperty("trigger").GetString());
        Assert.Equal(30, tracing.GetProperty("windowMinutes").GetInt32());
        Assert.Equal(14, tracing.GetProperty("days").GetInt32());
        Assert.Equal(3, tracing.GetProperty("visits").GetInt32());
        Assert.Equal(2, tracing.GetProperty("venues").GetInt32());
        Assert.Equal(3, tracing.GetProperty("contacts").GetInt32());
        Assert.Equal(5, tracing.GetProperty("encounters").GetInt32());
        Assert.Equal(1, detail.GetProperty("unlinkedSubjects").GetInt32());
        Assert.Equal("health", tracing.GetProperty("createdBy").GetString());

        var contacts = Contacts(detail).ToDictionary(x => Id(x, "personId"));
        Assert.Equal(new[] { after, before, twoVenues }.Order(), contacts.Keys.Order());
        Assert.DoesNotContain(index, contacts.Keys);
        var two = contacts[twoVenues];
        Assert.Equal(3, two.GetProperty("encounters").GetInt32());
        Assert.Equal(2, two.GetProperty("venues").GetInt32());
        Assert.Equal(["光荣药店", "光荣超市", "光荣超市"], two.GetProperty("details").EnumerateArray().Select(e => e.GetProperty("venueName").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(25, two.GetProperty("maxOverlapMinutes").GetInt32());
        Assert.Equal("边界后", contacts[after].GetProperty("name").GetString());
        Assert.Equal(0, contacts[after].GetProperty("maxOverlapMinutes").GetInt32());
        var edge = contacts[before].GetProperty("details").EnumerateArray().Single();
        Assert.Equal(30, edge.GetProperty("gapMinutes").GetInt32());
        Assert.Equal(t1, edge.GetProperty("indexScannedAt").GetDateTimeOffset());
        Assert.Equal(t1.AddMinutes(-30), edge.GetProperty("contactScannedAt").GetDateTimeOffset());
        Assert.True(contacts[after].GetProperty("inScope").GetBoolean());
        Assert.Equal(0, detail.GetProperty("outsideScope").GetInt32());
        // Closest first: the longest overlap leads.
        Assert.Equal(twoVenues, Id(Contacts(detail)[0], "personId"));

        // A wider window takes in the scan one second late; the visit 20 days ago stays outside 14 days.
        var wider = await TraceAsync(health, index, window: 60);
        Assert.Equal(new[] { after, before, oneSecondLate, twoVenues }.Order(), Contacts(wider).Select(x => Id(x, "personId")).Order());
        var longer = await TraceAsync(health, index, window: 30, days: 21);
        Assert.Contains(tooEarly, Contacts(longer).Select(x => Id(x, "personId")));

        // The tracings are kept, newest first, and one audit entry records each.
        // (Automatic tracings of other tests' confirmed records may come in between: compare positions, not places.)
        var list = await Http.JsonAsync(await health.GetAsync("/api/health-codes/tracings?pageSize=50"));
        var order = list.GetProperty("items").EnumerateArray().Select(t => Id(t)).ToList();
        Assert.True(order.IndexOf(Id(longer.GetProperty("tracing"))) is >= 0 and var newest
            && newest < order.IndexOf(Id(wider.GetProperty("tracing"))) && order.IndexOf(Id(wider.GetProperty("tracing"))) < order.IndexOf(Id(tracing)),
            "newest first");
        var again = await Http.JsonAsync(await health.GetAsync($"/api/health-codes/tracings/{Id(tracing)}"));
        Assert.Equal(3, again.GetProperty("tracing").GetProperty("contacts").GetInt32());
        Assert.Equal(1, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "trace" && e.EntityId == Id(tracing).ToString())));
        Assert.Equal(0, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(TracingEncounter))));
    }

    [Fact]
    public async Task A_person_without_a_code_is_traced_with_nothing_found()
    {
        var index = await NewPersonAsync(Guangrong, "无码");
        var detail = await TraceAsync(await F.LoginAsync("health"), index);
        Assert.False(detail.GetProperty("tracing").GetProperty("hasCode").GetBoolean());
        Assert.Equal(0, detail.GetProperty("tracing").GetProperty("contacts").GetInt32());
    }

    [Fact]
    public async Task Tracing_is_refused_without_permission_outside_scope_and_with_bad_parameters()
    {
        var index = await NewPersonAsync(Guangrong, "光荣病例");
        var contact = await NewPersonAsync(Guangrong, "光荣邻居");
        var venue = await VenueAsync(Guangrong, "光荣商场");
        var at = DaysAgo(1);
        await ScansAsync((venue, await LinkAsync(index), at), (venue, await LinkAsync(contact), at.AddMinutes(3)));
        var health = await F.LoginAsync("health");
        var tracingId = Id((await TraceAsync(health, index)).GetProperty("tracing"));
        var before = await WithDbAsync(db => db.Set<ExposureTracing>().CountAsync());

        // A community worker has no ExposureTrace permission; nobody signed in gets 401.
        var worker = await F.LoginAsync("guangrong");
        await Http.ProblemAsync(await worker.PostJsonAsync("/api/health-codes/tracings", new { personId = index }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await worker.GetAsync($"/api/health-codes/tracings/{tracingId}"), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await F.CreateClient().PostJsonAsync("/api/health-codes/tracings", new { personId = index }), HttpStatusCode.Unauthorized);

        // Bad parameters: one field error each.
        var missing = await Http.ProblemAsync(await health.PostJsonAsync("/api/health-codes/tracings", new { windowMinutes = 30 }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("personId", out _));
        var badWindow = await Http.ProblemAsync(await health.PostJsonAsync("/api/health-codes/tracings", new { personId = index, windowMinutes = 0 }), HttpStatusCode.BadRequest);
        Assert.True(badWindow.GetProperty("errors").TryGetProperty("windowMinutes", out _));
        var badDays = await Http.ProblemAsync(await health.PostJsonAsync("/api/health-codes/tracings", new { personId = index, days = 30 }), HttpStatusCode.BadRequest);
        Assert.Contains("21", badDays.GetProperty("errors").GetProperty("days")[0].GetString());
        var unknown = await Http.ProblemAsync(await health.PostJsonAsync("/api/health-codes/tracings", new { personId = Guid.NewGuid() }), HttpStatusCode.NotFound);
        Assert.Equal("not-found", unknown.GetProperty("code").GetString());

        // A township health officer cannot trace, read or confirm for a person of another township.
        var township = await TownshipHealthOfficerAsync();
        var outside = await Http.ProblemAsync(await township.PostJsonAsync("/api/health-codes/tracings", new { personId = index }), HttpStatusCode.NotFound);
        Assert.Contains(" / ", outside.GetProperty("detail").GetString());
        await Http.ProblemAsync(await township.GetAsync($"/api/health-codes/tracings/{tracingId}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await township.PostJsonAsync($"/api/health-codes/tracings/{tracingId}/confirm", new { all = true, reason = "越权" }), HttpStatusCode.NotFound);
        var theirs = await Http.JsonAsync(await township.GetAsync("/api/health-codes/tracings?pageSize=200"));
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), t => Id(t) == tracingId);
        Assert.Equal(before, await WithDbAsync(db => db.Set<ExposureTracing>().CountAsync()));
        Assert.Null(await WithDbAsync(db => db.Set<TracingContact>().Where(c => c.TracingId == tracingId).Select(c => c.ConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task Contacts_outside_the_officers_scope_are_listed_masked()
    {
        var index = await NewPersonAsync(Wuhu001, "武湖病例");
        var local = await NewPersonAsync(Wuhu001, "武湖同场");
        var visitor = await NewPersonAsync(Guangrong, "欧阳光荣");
        var venue = await VenueAsync(Wuhu001, "武湖超市");
        var at = DaysAgo(1);
        await ScansAsync((venue, await LinkAsync(index), at), (venue, await LinkAsync(local), at.AddMinutes(1)), (venue, await LinkAsync(visitor), at.AddMinutes(2)));

        var township = await TownshipHealthOfficerAsync();
        var detail = await TraceAsync(township, index);
        Assert.Equal(1, detail.GetProperty("outsideScope").GetInt32());
        var contacts = Contacts(detail).ToDictionary(x => Id(x, "personId"));
        Assert.Equal("武湖同场", contacts[local].GetProperty("name").GetString());
        Assert.Equal("139****5678", contacts[local].GetProperty("phoneMasked").GetString());
        Assert.False(contacts[visitor].GetProperty("inScope").GetBoolean());
        Assert.Equal("欧阳**", contacts[visitor].GetProperty("name").GetString());
        Assert.Equal("", contacts[visitor].GetProperty("phoneMasked").GetString());
        Assert.Contains("****", contacts[visitor].GetProperty("idNumberMasked").GetString());
        Assert.Equal(Guangrong, contacts[visitor].GetProperty("communityCode").GetString());

        // The page says so.
        var page = WebUtility.HtmlDecode(await township.GetStringAsync($"/health-codes/tracing/{Id(detail.GetProperty("tracing"))}"));
        Assert.Contains("id=\"tracing-outside\"", page);
        Assert.Contains("欧阳**", page);
        Assert.DoesNotContain("欧阳光荣", page);
    }

    [Fact]
    public async Task Confirming_in_one_action_opens_close_contact_records_through_the_outbox_once()
    {
        var index = await NewPersonAsync(Guangrong, "确诊者");
        var c1 = await NewPersonAsync(Guangrong, "密接一");
        var c2 = await NewPersonAsync(Guangrong, "密接二");
        var c3 = await NewPersonAsync(Guangrong, "密接三");
        var followed = await NewPersonAsync(Guangrong, "已确诊");
        var venue = await VenueAsync(Guangrong, "光荣饭店");
        var at = DaysAgo(1);
        await ScansAsync(
            (venue, await LinkAsync(index), at), (venue, await LinkAsync(c1), at.AddMinutes(1)), (venue, await LinkAsync(c2), at.AddMinutes(2)),
            (venue, await LinkAsync(c3), at.AddMinutes(3)), (venue, await LinkAsync(followed), at.AddMinutes(4)));
        // One contact is already followed as a confirmed case: that record is left alone.
        var commander = await F.LoginAsync("commander");
        var existing = await Http.JsonAsync(await commander.PostJsonAsync("/api/epidemic/cases", new { personId = followed, category = "Confirmed" }));

        var health = await F.LoginAsync("health");
        var id = Id((await TraceAsync(health, index)).GetProperty("tracing"));
        var url = $"/api/health-codes/tracings/{id}/confirm";
        var noReason = await Http.ProblemAsync(await health.PostJsonAsync(url, new { personIds = new[] { c1, c2 }, reason = " " }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var stranger = await Http.ProblemAsync(await health.PostJsonAsync(url, new { personIds = new[] { c1, Guid.NewGuid() }, reason = "同场" }), HttpStatusCode.BadRequest);
        Assert.True(stranger.GetProperty("errors").TryGetProperty("personIds", out _));
        var none = await Http.ProblemAsync(await health.PostJsonAsync(url, new { reason = "同场" }), HttpStatusCode.BadRequest);
        Assert.True(none.GetProperty("errors").TryGetProperty("personIds", out _));
        Assert.Equal(0, await WithDbAsync(db => db.Set<TracingContact>().CountAsync(c => c.TracingId == id && c.ConfirmedAt != null)));

        var first = await Http.JsonAsync(await health.PostJsonAsync(url, new { personIds = new[] { c1, c2 }, reason = "同场就餐，间隔 2 分钟内" }));
        Assert.Equal(new[] { c1, c2 }.Order(), first.GetProperty("confirmed").EnumerateArray().Select(x => x.GetGuid()).Order());
        var origin = "tracing:" + id;
        await WaitForAsync(() => WithDbAsync(db => db.Set<EpiCase>().CountAsync(c => c.Origin == origin).ContinueWith(t => t.Result == 2, TaskScheduler.Default)));
        var made = await WithDbAsync(db => db.Set<EpiCase>().AsNoTracking().Where(c => c.Origin == origin).ToListAsync());
        Assert.All(made, c => Assert.Equal((CaseCategory.CloseContact, "contact-traced", false), (c.Category, c.State, c.Closed)));
        Assert.Equal(new[] { c1, c2 }.Order(), made.Select(c => c.PersonId).Order());
        var madeIds = made.Select(c => c.Id).ToList();
        var reasons = await WithDbAsync(db => db.Set<CaseTransition>().AsNoTracking().Where(t => madeIds.Contains(t.CaseId)).Select(t => t.Reason).ToListAsync());
        Assert.All(reasons, r => Assert.Equal($"exposure tracing {id}", r));

        // The new records drive the contacts' colours through the rules, with the record as the reason.
        var c1Record = made.Single(c => c.PersonId == c1).Id;
        await WaitForAsync(() => WithDbAsync(async db => (await ColourBook.CurrentAsync(db, c1, default)).Colour == CodeColour.Red));
        var colour = await WithDbAsync(db => ColourBook.CurrentAsync(db, c1, default));
        Assert.Contains(colour.Reasons, r => r.SourceRef == $"case:{c1Record}");

        // The same confirmation again changes nothing and publishes nothing.
        var repeat = await Http.JsonAsync(await health.PostJsonAsync(url, new { personIds = new[] { c1, c2 }, reason = "再次确认" }));
        Assert.Empty(repeat.GetProperty("confirmed").EnumerateArray());
        Assert.Equal(2, repeat.GetProperty("alreadyConfirmed").GetInt32());
        Assert.Equal(1, await WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Topic == ContactsConfirmed.Topic && m.Payload.Contains(id.ToString()))));

        // "All" takes the rest; the already-followed person keeps their one open record.
        var rest = await Http.JsonAsync(await health.PostJsonAsync(url, new { all = true, reason = "同场就餐" }));
        Assert.Equal(new[] { c3, followed }.Order(), rest.GetProperty("confirmed").EnumerateArray().Select(x => x.GetGuid()).Order());
        Assert.Equal(4, rest.GetProperty("confirmedContacts").GetInt32());
        await DeliveredAsync(ContactsConfirmed.Topic);
        Assert.Equal(3, await WithDbAsync(db => db.Set<EpiCase>().CountAsync(c => c.Origin == origin)));
        var kept = await WithDbAsync(db => db.Set<EpiCase>().AsNoTracking().Where(c => c.PersonId == followed).ToListAsync());
        Assert.Equal(Id(existing), Assert.Single(kept).Id);
        Assert.Equal(CaseCategory.Confirmed, kept[0].Category);

        // A redelivered event makes no second record.
        await PublishAsync(ContactsConfirmed.Topic, new ContactsConfirmed(id, index, [c1, c2, c3], "health", DateTimeOffset.UtcNow));
        await DeliveredAsync(ContactsConfirmed.Topic);
        Assert.Equal(3, await WithDbAsync(db => db.Set<EpiCase>().CountAsync(c => c.Origin == origin)));
        Assert.Equal(1, await WithDbAsync(db => db.Set<EpiCase>().CountAsync(c => c.PersonId == c1)));

        // Every contact is marked confirmed, with who and why; two audit entries, one per action, with the reason.
        var detail = await Http.JsonAsync(await health.GetAsync($"/api/health-codes/tracings/{id}"));
        Assert.All(Contacts(detail), c => Assert.Equal("health", c.GetProperty("confirmedBy").GetString()));
        var audits = await WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "confirm-contacts" && e.EntityId == id.ToString()).OrderBy(e => e.Seq).ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.Equal("同场就餐，间隔 2 分钟内", audits[0].Reason);
        Assert.Contains(c1.ToString(), audits[0].Details);
    }

    [Fact]
    public async Task The_page_lists_tracings_and_confirms_the_chosen_contacts()
    {
        var index = await NewPersonAsync(Guangrong, "页面病例");
        var c1 = await NewPersonAsync(Guangrong, "页面密接");
        var c2 = await NewPersonAsync(Guangrong, "页面同场");
        var venue = await VenueAsync(Guangrong, "页面超市");
        var at = DaysAgo(1);
        await ScansAsync((venue, await LinkAsync(index), at), (venue, await LinkAsync(c1), at.AddMinutes(1)), (venue, await LinkAsync(c2), at.AddMinutes(20)));
        var health = await F.LoginAsync("health");
        var id = Id((await TraceAsync(health, index)).GetProperty("tracing"));

        var list = WebUtility.HtmlDecode(await health.GetStringAsync("/health-codes/tracing"));
        Assert.Contains($"/health-codes/tracing/{id}", list);
        Assert.Contains("页面病例", list);
        var url = $"/health-codes/tracing/{id}";
        var page = await health.GetStringAsync(url);
        Assert.Contains("页面超市", WebUtility.HtmlDecode(page));
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        var response = await health.PostAsync(url, new FormUrlEncodedContent(
        [
            new("_handler", "confirm"), new("__RequestVerificationToken", token), new("personIds", c1.ToString()), new("reason", "同时段在店"), new("all", "false"),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"tracing-message\"", after);
        Assert.DoesNotContain($"id=\"pick-{c1}\"", after);
        Assert.Contains($"id=\"pick-{c2}\"", after);
        var confirmed = await WithDbAsync(db => db.Set<TracingContact>().AsNoTracking().Where(c => c.TracingId == id && c.ConfirmedAt != null).Select(c => c.PersonId).ToListAsync());
        Assert.Equal([c1], confirmed);

        // Tracing by identity number from the list page.
        var idNumber = await WithDbAsync(db => db.Set<People.Domain.Person>().Where(p => p.Id == index).Select(p => p.IdNumber).SingleAsync());
        var listPage = await health.GetStringAsync("/health-codes/tracing");
        var listToken = WebUtility.HtmlDecode(AntiforgeryToken().Match(listPage).Groups[1].Value);
        var traced = await health.PostAsync("/health-codes/tracing", new FormUrlEncodedContent(
        [
            new("_handler", "trace"), new("__RequestVerificationToken", listToken), new("person", idNumber!), new("window", "15"), new("days", "7"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, traced.StatusCode);
        var newest = await WithDbAsync(db => db.Set<ExposureTracing>().AsNoTracking().Where(t => t.IndexPersonId == index).OrderByDescending(t => t.CreatedAt).FirstAsync());
        Assert.EndsWith($"/health-codes/tracing/{newest.Id}", traced.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal((15, 7, 1), (newest.WindowMinutes, newest.Days, newest.Contacts));

        var township = await TownshipHealthOfficerAsync();
        var hidden = WebUtility.HtmlDecode(await township.GetStringAsync(url));
        Assert.Contains("id=\"not-found\"", hidden);
        Assert.DoesNotContain("页面密接", hidden);
    }

    [Fact]
    public async Task A_record_that_becomes_confirmed_is_traced_automatically_once()
    {
        var index = await NewPersonAsync(Guangrong, "自动病例");
        var contact = await NewPersonAsync(Guangrong, "自动同场");
        var venue = await VenueAsync(Guangrong, "自动超市");
        var at = DaysAgo(4);
        await ScansAsync((venue, await LinkAsync(index), at), (venue, await LinkAsync(contact), at.AddMinutes(12)));
        var caseId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        // The Epidemic module's event for a record entering a confirmed state (published here by hand).
        await PublishAsync(CaseStateChanged.Topic, new CaseStateChanged(caseId, index, "covid19", "confirmed", "Confirmed", false, Guangrong, now));
        await DeliveredAsync(CaseStateChanged.Topic);
        var tracing = await WithDbAsync(db => db.Set<ExposureTracing>().AsNoTracking().SingleAsync(t => t.CaseId == caseId));
        Assert.Equal(("case", index, 1, "system:outbox"), (tracing.Trigger, tracing.IndexPersonId, tracing.Contacts, tracing.CreatedBy));
        Assert.Equal(contact, await WithDbAsync(db => db.Set<TracingContact>().Where(c => c.TracingId == tracing.Id).Select(c => c.PersonId).SingleAsync()));

        // The next confirmed state of the same record, and a redelivery, trace nothing again.
        await PublishAsync(CaseStateChanged.Topic, new CaseStateChanged(caseId, index, "covid19", "hospitalised", "Confirmed", false, Guangrong, now.AddHours(1)));
        await PublishAsync(CaseStateChanged.Topic, new CaseStateChanged(caseId, index, "covid19", "confirmed", "Confirmed", false, Guangrong, now));
        // Other categories and closed records are not traced.
        await PublishAsync(CaseStateChanged.Topic, new CaseStateChanged(Guid.NewGuid(), contact, "covid19", "suspected", "Suspected", false, Guangrong, now));
        await PublishAsync(CaseStateChanged.Topic, new CaseStateChanged(Guid.NewGuid(), contact, "covid19", "recovered", "Confirmed", true, Guangrong, now));
        await DeliveredAsync(CaseStateChanged.Topic);
        Assert.Equal(1, await WithDbAsync(db => db.Set<ExposureTracing>().CountAsync(t => t.IndexPersonId == index)));
        Assert.Equal(0, await WithDbAsync(db => db.Set<ExposureTracing>().CountAsync(t => t.IndexPersonId == contact)));
        Assert.Equal(0, await WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Topic == CaseStateChanged.Topic && m.LastError != null)));

        // The real thing: a record created as confirmed in the Epidemic module publishes the event itself.
        var other = await NewPersonAsync(Guangrong, "真实确诊");
        var neighbour = await NewPersonAsync(Guangrong, "真实同场");
        var shop = await VenueAsync(Guangrong, "真实超市");
        await ScansAsync((shop, await LinkAsync(other), at), (shop, await LinkAsync(neighbour), at.AddMinutes(-20)));
        var record = await Http.JsonAsync(await (await F.LoginAsync("commander")).PostJsonAsync("/api/epidemic/cases", new { personId = other, category = "Confirmed" }));
        await WaitForAsync(() => WithDbAsync(db => db.Set<ExposureTracing>().AnyAsync(t => t.CaseId == Id(record))));
        var real = await WithDbAsync(db => db.Set<ExposureTracing>().AsNoTracking().SingleAsync(t => t.CaseId == Id(record)));
        Assert.Equal((other, 1), (real.IndexPersonId, real.Contacts));

        // The officer finds it in the list.
        var list = await Http.JsonAsync(await (await F.LoginAsync("health")).GetAsync("/api/health-codes/tracings?pageSize=200"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), t => Id(t) == tracing.Id && t.GetProperty("caseId").GetGuid() == caseId);
    }

    [Fact]
    public async Task Retention_deletes_old_scans_and_keeps_recent_ones_with_one_audit_entry()
    {
        var venue = await VenueAsync(Guangrong, "保留期测试");
        var s = NewToken();
        var now = DateTimeOffset.UtcNow;
        await ScansAsync((venue, s, now.AddDays(-40)), (venue, s, now.AddDays(-22)), (venue, s, now.AddDays(-21).AddMinutes(-1)),
            (venue, s, now.AddDays(-21).AddMinutes(5)), (venue, s, now.AddDays(-1)), (venue, s, now.AddMinutes(-1)));
        var audits = await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "expire" && e.EntityType == nameof(Scan)));

        Assert.True(await F.Services.GetRequiredService<JobScheduler>().RunNowAsync(ScanRetentionJob.JobName, default));

        var left = await WithDbAsync(db => db.Set<Scan>().AsNoTracking().Where(x => x.VenueId == venue).Select(x => x.ScannedAt).ToListAsync());
        Assert.Equal(3, left.Count);
        Assert.All(left, at => Assert.True(at > now.AddDays(-21)));
        var entries = await WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "expire" && e.EntityType == nameof(Scan)).OrderBy(e => e.Seq).ToListAsync());
        Assert.Equal(audits + 1, entries.Count);
        Assert.StartsWith("3 scans made before", entries[^1].Details);
        Assert.Contains("retention 21 days", entries[^1].Details);
        Assert.Equal("system:job:" + ScanRetentionJob.JobName, entries[^1].Actor);
        Assert.Equal(0, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Scan) && e.Action == "delete")));
    }

    [Fact]
    public async Task The_scans_table_keeps_its_time_index_brin_and_its_tokens_byte_ordered_on_postgres()
    {
        // ADR 0013: what the migration must leave behind on each provider.
        var definitions = await WithDbAsync(db => db.Provider == DatabaseProvider.Postgres
            ? db.Database.SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE schemaname = 'healthcodes' AND tablename = 'scans'").ToListAsync()
            : db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'scans' AND sql IS NOT NULL").ToListAsync());
        var byTime = Assert.Single(definitions, d => d.Contains("ix_scans_scanned_at", StringComparison.Ordinal));
        if (F.Database == Db.Postgres)
        {
            Assert.Contains("USING brin (scanned_at)", byTime);
            var collations = await WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT table_name || '.' || column_name || '=' || coalesce(collation_name, '') AS \"Value\" FROM information_schema.columns " +
                "WHERE table_schema = 'healthcodes' AND column_name = 'subject' AND table_name IN ('scans', 'subject_links') ORDER BY table_name").ToListAsync());
            Assert.Equal(["scans.subject=C", "subject_links.subject=C"], collations);
            // ADR 0014: partitioned by range of scanned_at, keyed by (id, scanned_at).
            var shape = await WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT pg_get_partkeydef('healthcodes.scans'::regclass) || ' ' || pg_get_constraintdef(oid) AS \"Value\" FROM pg_constraint WHERE conname = 'pk_scans' AND conrelid = 'healthcodes.scans'::regclass").SingleAsync());
            Assert.Equal("RANGE (scanned_at) PRIMARY KEY (id, scanned_at)", shape);
        }
        else
        {
            Assert.Contains("(\"scanned_at\")", byTime);
            Assert.DoesNotContain("brin", byTime, StringComparison.OrdinalIgnoreCase);
        }

        // The subject index serves the tracer's visits; the (venue, time) index its windows.
        // (ADR 0014: a hash index on the token on PostgreSQL, the (token, time) b-tree on SQLite.)
        Assert.Contains(definitions, d => d.Contains(F.Database == Db.Postgres ? "ix_scans_subject ON ONLY healthcodes.scans USING hash (subject)" : "ix_scans_subject_scanned_at", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("ix_scans_venue_id_scanned_at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scans_live_in_day_partitions_on_postgres_and_the_retention_drops_expired_days_whole()
    {
        // ADR 0014. Days far from today so that no other test's scans fall in them.
        var today = DistrictTime.Today(TimeProvider.System);
        var (expired, expiredEmpty, future, futureEmpty) = (today.AddDays(-40), today.AddDays(-39), today.AddDays(9), today.AddDays(10));
        DateTimeOffset Noon(DateOnly day) => DistrictTime.StartOfDay(day).AddHours(12);
        var venue = await VenueAsync(Guangrong, "分区测试");
        var s = NewToken();
        // Before their partitions exist these land in DEFAULT (on PostgreSQL); the first and last minute of a day
        // must go to that day, and a replay of the same scan must still be stored once.
        await ScansAsync((venue, s, Noon(expired)), (venue, s, DistrictTime.StartOfDay(future)), (venue, s, DistrictTime.StartOfDay(future.AddDays(1)).AddTicks(-10)));

        var created = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => WithDbAsync(async db =>
            await ScanPartitions.EnsureAsync(db, expired, expiredEmpty, default) + await ScanPartitions.EnsureAsync(db, future, futureEmpty, default))));
        var partitions = await WithDbAsync(db => ScanPartitions.ListAsync(db, default));
        if (F.Database == Db.Sqlite)
        {
            Assert.Equal([0, 0, 0], created);
            Assert.Empty(partitions);
        }
        else
        {
            // Three hosts asked at once: each day was created once (the advisory lock), with its stranded rows.
            Assert.Equal(4, created.Sum());
            Assert.Contains(ScanPartitions.DefaultName, partitions);
            Assert.Subset(partitions.ToHashSet(), new[] { expired, expiredEmpty, future, futureEmpty }.Select(ScanPartitions.NameOf).ToHashSet());
            var where = await WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT tableoid::regclass::text AS \"Value\" FROM healthcodes.scans WHERE venue_id = {0} ORDER BY scanned_at", venue).ToListAsync());
            Assert.Equal(["healthcodes." + ScanPartitions.NameOf(expired), "healthcodes." + ScanPartitions.NameOf(future), "healthcodes." + ScanPartitions.NameOf(future)], where);
            var indexes = await WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE schemaname = 'healthcodes' AND tablename = {0} ORDER BY indexdef", ScanPartitions.NameOf(future)).ToListAsync());
            Assert.Equal(4, indexes.Count); // key, subject, venue, BRIN time: the parent's indexes on every day
        }

        // A replayed scan (same id, same time) into a day partition is stored once.
        var replay = await WithDbAsync(db => db.Set<Scan>().AsNoTracking().FirstAsync(x => x.VenueId == venue && x.ScannedAt == DistrictTime.StartOfDay(future)));
        Assert.Equal(0, await WithDbAsync(db => ScanStore.InsertNewAsync(db, [replay], default)));

        var audits = await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "expire" && e.EntityType == nameof(Scan)));
        Assert.True(await F.Services.GetRequiredService<JobScheduler>().RunNowAsync(ScanRetentionJob.JobName, default));

        var left = await WithDbAsync(db => db.Set<Scan>().AsNoTracking().Where(x => x.VenueId == venue).Select(x => x.ScannedAt).ToListAsync());
        Assert.Equal(2, left.Count);
        Assert.All(left, at => Assert.Equal(future, DistrictTime.DateOf(at)));
        var entry = await WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "expire" && e.EntityType == nameof(Scan)).OrderBy(e => e.Seq).LastAsync());
        Assert.Equal(audits + 1, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "expire" && e.EntityType == nameof(Scan))));
        partitions = await WithDbAsync(db => ScanPartitions.ListAsync(db, default));
        if (F.Database == Db.Postgres)
        {
            Assert.DoesNotContain(ScanPartitions.NameOf(expired), partitions);
            Assert.DoesNotContain(ScanPartitions.NameOf(expiredEmpty), partitions);
            Assert.Contains(ScanPartitions.NameOf(future), partitions);
            // The job keeps yesterday to the day after tomorrow ready.
            Assert.Subset(partitions.ToHashSet(), Enumerable.Range(-1, 4).Select(d => ScanPartitions.NameOf(today.AddDays(d))).ToHashSet());
            Assert.Matches(@"day partitions: \d+ dropped \(\d+ scans\), \d+ created", entry.Details);
        }
        else
        {
            Assert.Empty(partitions);
            Assert.DoesNotContain("partitions", entry.Details);
        }
    }

    [Fact]
    public async Task Two_hosts_racing_run_the_retention_once()
    {
        var scheduler = F.Services.GetRequiredService<JobScheduler>();
        await scheduler.RunNowAsync(ScanRetentionJob.JobName, default); // the job's row exists, nothing old is left
        var venue = await VenueAsync(Guangrong, "双主机测试");
        var s = NewToken();
        var old = DateTimeOffset.UtcNow.AddDays(-30);
        await ScansAsync([.. Enumerable.Range(0, 25).Select(i => (venue, s, old.AddMinutes(i)))]);
        await WithDbAsync(db => db.Set<ScheduledJobState>().Where(j => j.Name == ScanRetentionJob.JobName)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.NextRunAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var before = await WithDbAsync(db => db.Set<ScheduledJobState>().AsNoTracking().SingleAsync(j => j.Name == ScanRetentionJob.JobName));
        var audits = await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "expire" && e.EntityType == nameof(Scan)));

        using var second = new YiwangFactory(F.Database, CommandTests.NoBackgroundJobs, sameDatabaseAs: F);
        var other = second.Services.GetRequiredService<JobScheduler>();
        var ran = await Task.WhenAll(scheduler.RunDueAsync(default), other.RunDueAsync(default));

        Assert.Equal(1, ran.Count(r => r.Contains(ScanRetentionJob.JobName)));
        var after = await WithDbAsync(db => db.Set<ScheduledJobState>().AsNoTracking().SingleAsync(j => j.Name == ScanRetentionJob.JobName));
        Assert.Equal(before.Runs + 1, after.Runs);
        Assert.Null(after.LeaseOwner);
        Assert.Equal(audits + 1, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "expire" && e.EntityType == nameof(Scan))));
        Assert.False(await WithDbAsync(db => db.Set<Scan>().AnyAsync(x => x.VenueId == venue)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>One host without its background scheduler, on SQLite.</summary>
public sealed class TracingSqliteHost : IDisposable
{
    public YiwangFactory Factory { get; } = new(Db.Sqlite, CommandTests.NoBackgroundJobs);

    public void Dispose() => Factory.Dispose();
}

/// <summary>One host without its background scheduler, on PostgreSQL.</summary>
public sealed class TracingPostgresHost : IDisposable
{
    public YiwangFactory Factory { get; } = new(Db.Postgres, CommandTests.NoBackgroundJobs);

    public void Dispose() => Factory.Dispose();
}

public sealed class TracingTestsOnSqlite(TracingSqliteHost host) : TracingTests(host.Factory), IClassFixture<TracingSqliteHost>;

public sealed class TracingTestsOnPostgres(TracingPostgresHost host) : TracingTests(host.Factory), IClassFixture<TracingPostgresHost>;
