using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Venues;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Venues and their scanners end to end: registration inside the officer's jurisdiction with a key shown once and
/// stored hashed, key rotation and deactivation, batch uploads re-verified scan by scan at the time of the scan
/// (every refusal by name, idempotent replays, also concurrent and across hosts), the online verify-and-record
/// endpoint, and the anonymous verify endpoint's rate limit. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract partial class VenuesTests(YiwangFactory factory)
{
    /// <summary>The host's settings: a small rate limit, so the test can reach it.</summary>
    public static readonly Dictionary<string, string?> Settings = new() { ["Yiwang:HealthCodes:VerifyRateLimitPerMinute"] = "5", ["Yiwang:HealthCodes:RegisterRateLimitPerMinute"] = "3" };

    private const string Qianchuan = "420116001002"; // 民安居委会, 前川街道
    private const string Wuhu = "420116013001"; // 五通口居委会, 武湖街道

    protected YiwangFactory F { get; } = factory;

    private SigningKeyService Keys => F.Services.GetRequiredService<SigningKeyService>();

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    private sealed record Registered(Guid Id, string Code, string Key);

    private static async Task<Registered> RegisterAsync(HttpClient officer, string name, string community = Qianchuan)
    {
        var response = await officer.PostJsonAsync("/api/health-codes/venues", new { name, address = "黄陂区前川街道黄陂大道 1 号", kind = "supermarket", communityCode = community });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await Http.JsonAsync(response);
        return new Registered(json.GetProperty("id").GetGuid(), json.GetProperty("code").GetString()!, json.GetProperty("key").GetString()!);
    }

    private HttpClient Scanner(string key)
    {
        var c = F.CreateClient();
        c.DefaultRequestHeaders.Add("X-Venue-Key", key);
        return c;
    }

    private static object Scan(Guid id, string qr, DateTimeOffset at) => new { id, qr, scannedAt = at.ToString("O") };

    private static Task<HttpResponseMessage> UploadAsync(HttpClient scanner, string code, IEnumerable<object> scans) =>
        scanner.PostJsonAsync($"/api/health-codes/venues/{code}/scans", new { scans });

    private static async Task<(int Stored, int Duplicates, Dictionary<string, string> Refused)> AnswerAsync(HttpResponseMessage response)
    {
        var json = await Http.JsonAsync(response);
        return (json.GetProperty("stored").GetInt32(), json.GetProperty("duplicates").GetInt32(),
            json.GetProperty("refused").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString() ?? "(none)", r => r.GetProperty("reason").GetString()!));
    }

    private Task<int> ScansAtAsync(Guid venueId) => WithDbAsync(db => db.Set<Yiwang.HealthCodes.Domain.Scan>().CountAsync(s => s.VenueId == venueId));

    private async Task<ECDsa> PrivateKeyAsync(string kid)
    {
        var row = await WithDbAsync(db => db.Set<SigningKey>().SingleAsync(k => k.Kid == kid));
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(F.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(SigningKeyService.Purpose).Unprotect(row.ProtectedPrivateKey)), out _);
        return key;
    }

    private Task<string> ActiveKidAsync() => WithDbAsync(db => db.Set<SigningKey>().Where(k => k.RetiredAt == null).Select(k => k.Kid).SingleAsync());

    /// <summary>A code with any claims, signed by a stored key (an issuer with another clock, or a retired key).</summary>
    private async Task<string> SignAsync(DateTimeOffset iat, TimeSpan life, string? kid = null, string issuer = "CN-420116", CodeColour colour = CodeColour.Green)
    {
        kid ??= await ActiveKidAsync();
        using var key = await PrivateKeyAsync(kid);
        var at = DateTimeOffset.FromUnixTimeSeconds(iat.ToUnixTimeSeconds());
        return HealthCodeFormat.Encode(new HealthCodeClaims(issuer, at, at + life, colour, HealthCodeFormat.SubjectToken(new byte[32], Guid.NewGuid())),
            key, HealthCodeFormat.FromBase64Url(kid));
    }

    [Fact]
    public async Task An_officer_registers_venues_in_their_own_township_only_and_the_key_is_shown_once_and_stored_hashed()
    {
        var qianchuan = await F.LoginAsync("qianchuan");
        var name = "中百超市前川店 " + Guid.NewGuid().ToString("N")[..6];
        var venue = await RegisterAsync(qianchuan, name);
        Assert.Matches("^[2-9A-HJKMNP-Z]{8}$", venue.Code);
        Assert.StartsWith("vk_", venue.Key);
        Assert.True(venue.Key.Length >= 40);

        // Only the hash is stored; nothing in the row is the key.
        var row = await WithDbAsync(db => db.Set<Venue>().AsNoTracking().SingleAsync(v => v.Code == venue.Code));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(venue.Key))), row.KeyHash);
        Assert.DoesNotContain(venue.Key, JsonSerializer.Serialize(row));
        Assert.Equal("420116001", row.StreetCode);
        Assert.Equal("qianchuan", row.CreatedBy);

        // The list shows it (no key, a hint), searchable by name; the key is never shown again.
        var list = await Http.JsonAsync(await qianchuan.GetAsync("/api/health-codes/venues?q=" + Uri.EscapeDataString(name)));
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(venue.Code, item.GetProperty("code").GetString());
        Assert.Equal("民安居委会", item.GetProperty("communityName").GetString());
        Assert.Equal(venue.Key[..10], item.GetProperty("keyHint").GetString());
        Assert.DoesNotContain(venue.Key, list.GetRawText());

        // An officer of another township can neither register here nor see, rotate or deactivate this venue.
        var wuhu = await F.LoginAsync("wuhu");
        var refused = await wuhu.PostJsonAsync("/api/health-codes/venues", new { name = "越界登记", address = "某地", kind = "mall", communityCode = Qianchuan });
        Assert.Equal("forbidden", (await Http.ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        Assert.Equal(0, (await Http.JsonAsync(await wuhu.GetAsync("/api/health-codes/venues?q=" + Uri.EscapeDataString(name)))).GetProperty("total").GetInt64());
        await Http.ProblemAsync(await wuhu.PostJsonAsync($"/api/health-codes/venues/{venue.Code}/key", new { }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.PostJsonAsync($"/api/health-codes/venues/{venue.Code}/deactivate", new { }), HttpStatusCode.NotFound);
        var own = await RegisterAsync(wuhu, "武湖农贸市场", Wuhu);
        Assert.NotEqual(venue.Code, own.Code);

        // A community worker has no VenuesManage; anonymous callers are not signed in. Bad input is named by field.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await F.LoginAsync("guangrong")).GetAsync("/api/health-codes/venues")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await F.CreateClient().GetAsync("/api/health-codes/venues")).StatusCode);
        var invalid = await Http.ProblemAsync(await qianchuan.PostJsonAsync("/api/health-codes/venues", new { name = "<b>x</b>", address = "", kind = "casino", communityCode = "420116001" }), HttpStatusCode.BadRequest);
        Assert.Equal(["address", "communityCode", "kind", "name"], invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray());

        // Audited, without the key.
        var audit = await WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "healthcodes.venue-register" && a.EntityId == venue.Code));
        Assert.Equal("qianchuan", audit.Actor);
        Assert.DoesNotContain(venue.Key, audit.Details ?? "");
    }

    [Fact]
    public async Task A_new_key_stops_the_old_one_at_once_and_deactivation_stops_the_venue()
    {
        var officer = await F.LoginAsync("qianchuan");
        var venue = await RegisterAsync(officer, "黄陂广场 " + Guid.NewGuid().ToString("N")[..6]);
        var qr = await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default);
        Assert.Equal(HttpStatusCode.OK, (await Scanner(venue.Key).PostJsonAsync($"/api/health-codes/venues/{venue.Code}/verify", new { qr })).StatusCode);

        var rotated = await Http.JsonAsync(await officer.PostJsonAsync($"/api/health-codes/venues/{venue.Code.ToLowerInvariant()}/key", new { }));
        var newKey = rotated.GetProperty("key").GetString()!;
        Assert.NotEqual(venue.Key, newKey);
        Assert.EndsWith($"/scan?venue={venue.Code}#key={newKey}", rotated.GetProperty("pairingUrl").GetString());

        // The old key was cached by the request above: it stops anyway, at once, on this host.
        var old = await Scanner(venue.Key).PostJsonAsync($"/api/health-codes/venues/{venue.Code}/verify", new { qr });
        Assert.Equal("venue-key-unknown", (await Http.ProblemAsync(old, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Scanner(newKey).PostJsonAsync($"/api/health-codes/venues/{venue.Code}/verify", new { qr })).StatusCode);
        Assert.Equal(2, await ScansAtAsync(venue.Id));

        var deactivated = await Http.JsonAsync(await officer.PostJsonAsync($"/api/health-codes/venues/{venue.Code}/deactivate", new { reason = "停业 closed" }));
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        var stopped = await UploadAsync(Scanner(newKey), venue.Code, [Scan(Guid.NewGuid(), qr, DateTimeOffset.UtcNow)]);
        Assert.Equal("venue-key-unknown", (await Http.ProblemAsync(stopped, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        Assert.Equal(2, await ScansAtAsync(venue.Id));
        var again = await officer.PostJsonAsync($"/api/health-codes/venues/{venue.Code}/key", new { });
        Assert.Equal("venue-inactive", (await Http.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("code").GetString());

        var actions = await WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == venue.Code).OrderBy(a => a.Seq).Select(a => new { a.Action, a.Actor, a.Reason }).ToListAsync());
        Assert.Equal(["healthcodes.venue-register", "healthcodes.venue-key-rotate", "healthcodes.venue-deactivate"], actions.Select(a => a.Action).ToArray());
        Assert.All(actions, a => Assert.Equal("qianchuan", a.Actor));
        Assert.Equal("停业 closed", actions[^1].Reason);

        // Without a key, or with a made-up one: 401, nothing recorded.
        var none = await F.CreateClient().PostJsonAsync($"/api/health-codes/venues/{venue.Code}/scans", new { scans = Array.Empty<object>() });
        Assert.Equal("venue-key-missing", (await Http.ProblemAsync(none, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        Assert.Equal("venue-key-unknown", (await Http.ProblemAsync(await UploadAsync(Scanner("vk_" + new string('A', 43)), venue.Code, []), HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_batch_stores_the_scans_valid_at_their_time_and_refuses_each_bad_one_by_name()
    {
        var venue = await RegisterAsync(await F.LoginAsync("qianchuan"), "前川菜市场 " + Guid.NewGuid().ToString("N")[..6]);
        var now = DateTimeOffset.UtcNow;
        var scanner = Scanner(venue.Key);

        // A retired key: its codes issued after it was retired are refused. (Rotated first: the other codes are signed
        // by the new key.)
        var oldKid = await ActiveKidAsync();
        await WithDbAsync(async db => (await Keys.RotateAsync(db, "test", "retired-key case", default)).Active);
        await WithDbAsync(async db =>
        {
            var k = await db.Set<SigningKey>().SingleAsync(x => x.Kid == oldKid);
            k.RetiredAt = now.AddMinutes(-30);
            return await db.SaveChangesAsync();
        });
        Keys.Invalidate();
        var afterRetirement = await SignAsync(now.AddMinutes(-10), TimeSpan.FromMinutes(5), oldKid);

        // Good: read now; read 18 minutes ago with the code valid then (an honest upload after the network came back).
        var red = await Keys.IssueAsync(CodeColour.Red, Guid.NewGuid(), "confirmed", default);
        var late = await SignAsync(now.AddMinutes(-20), TimeSpan.FromMinutes(5));
        var good = new Dictionary<Guid, object>
        {
            [Guid.NewGuid()] = Scan(Guid.Empty, red, now),
            [Guid.NewGuid()] = Scan(Guid.Empty, late, now.AddMinutes(-18)),
        };

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var strangerCode = HealthCodeFormat.Encode(new HealthCodeClaims("CN-420116", now, now.AddMinutes(5), CodeColour.Green, "c3ViamVjdA"), stranger, RandomNumberGenerator.GetBytes(8));
        var fresh = await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default);
        var bytes = SimpleBase.Base45.Default.Decode(fresh.AsSpan(4));
        var cose = HealthCodeFormat.Inflate(bytes, out _)!;
        cose[^10] ^= 0x01; // a bit of the signature
        var tampered = HealthCodeFormat.Wrap(cose);

        var bad = new (string Reason, object Scan)[]
        {
            ("scanned-outside-validity", Scan(Guid.Empty, await SignAsync(now.AddMinutes(-20), TimeSpan.FromMinutes(5)), now)), // expired when scanned
            ("scanned-outside-validity", Scan(Guid.Empty, fresh, now.AddMinutes(-10))), // scanned before it was issued
            ("unknown-kid", Scan(Guid.Empty, strangerCode, now)),
            ("retired-key", Scan(Guid.Empty, afterRetirement, now.AddMinutes(-9))),
            ("bad-signature", Scan(Guid.Empty, tampered, now)),
            ("wrong-prefix", Scan(Guid.Empty, "HC1:" + fresh[4..], now)),
            ("not-base45", Scan(Guid.Empty, "YW1:garbage!", now)),
            ("too-large", Scan(Guid.Empty, fresh + new string('0', 3000), now)),
            ("inflated-too-large", Scan(Guid.Empty, HealthCodeFormat.Wrap(new byte[64 * 1024]), now)),
            ("wrong-issuer", Scan(Guid.Empty, await SignAsync(now, TimeSpan.FromMinutes(5), issuer: "CN-110101"), now)),
            ("scanned-in-future", Scan(Guid.Empty, fresh, now.AddMinutes(10))),
            ("too-old", Scan(Guid.Empty, fresh, now.AddDays(-30))),
            ("bad-scan", new { id = (string?)null, qr = fresh, scannedAt = now.ToString("O") }),
            ("bad-scan", new { id = Guid.NewGuid().ToString(), qr = (string?)null, scannedAt = now.ToString("O") }),
            ("bad-scan", new { id = Guid.NewGuid().ToString(), qr = fresh, scannedAt = now.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) }), // no offset
        };

        // Give every scan its own id (the bad-scan without id keeps none).
        var scans = new List<object>();
        var expected = new Dictionary<string, string>();
        foreach (var (id, s) in good)
        {
            scans.Add(WithId(s, id));
        }

        foreach (var (reason, s) in bad)
        {
            var id = Guid.NewGuid();
            var withId = reason == "bad-scan" ? s : WithId(s, id);
            scans.Add(withId);
            expected[reason == "bad-scan" ? Id(withId) ?? "(none)" : id.ToString()] = reason;
        }

        var (stored, duplicates, refused) = await AnswerAsync(await UploadAsync(scanner, venue.Code, scans));
        Assert.Equal(2, stored);
        Assert.Equal(0, duplicates);
        Assert.Equal(expected.OrderBy(e => e.Key), refused.OrderBy(e => e.Key));

        var rows = await WithDbAsync(db => db.Set<Yiwang.HealthCodes.Domain.Scan>().AsNoTracking().Where(s => s.VenueId == venue.Id).ToListAsync());
        Assert.Equal(good.Keys.Order(), rows.Select(r => r.Id).Order());
        var redRow = rows.Single(r => r.Colour == CodeColour.Red);
        Assert.Equal(ScanMode.Batch, redRow.Mode);
        Assert.Equal(Yiwang.HealthCodes.Domain.Scan.SubjectLength, redRow.Subject.Length);
        Assert.InRange(redRow.ScannedAt, now.AddSeconds(-1), now.AddSeconds(1));
        Assert.InRange(rows.Single(r => r.Colour == CodeColour.Green).ScannedAt, now.AddMinutes(-18).AddSeconds(-1), now.AddMinutes(-18).AddSeconds(1));

        static object WithId(object s, Guid id)
        {
            var json = JsonSerializer.SerializeToNode(s, Http.Json)!.AsObject();
            json["id"] = id.ToString();
            return json;
        }

        static string? Id(object s) => JsonSerializer.SerializeToNode(s, Http.Json)!["id"]?.GetValue<string>();
    }

    [Fact]
    public async Task A_replayed_batch_stores_nothing_twice_also_when_two_uploads_race()
    {
        var venue = await RegisterAsync(await F.LoginAsync("qianchuan"), "前川站 " + Guid.NewGuid().ToString("N")[..6]);
        var scanner = Scanner(venue.Key);
        var now = DateTimeOffset.UtcNow;
        var codes = new List<object>();
        for (var i = 0; i < 40; i++)
        {
            codes.Add(Scan(Guid.NewGuid(), await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default), now.AddSeconds(-i)));
        }

        var first = await AnswerAsync(await UploadAsync(scanner, venue.Code, codes));
        Assert.Equal((40, 0), (first.Stored, first.Duplicates));
        var replay = await AnswerAsync(await UploadAsync(scanner, venue.Code, codes));
        Assert.Equal((0, 40), (replay.Stored, replay.Duplicates));
        Assert.Equal(40, await ScansAtAsync(venue.Id));

        // The same id twice in one batch is stored once.
        var twice = Scan(Guid.NewGuid(), await Keys.IssueAsync(CodeColour.Yellow, Guid.NewGuid(), null, default), now);
        var both = await AnswerAsync(await UploadAsync(scanner, venue.Code, [twice, twice]));
        Assert.Equal((1, 1), (both.Stored, both.Duplicates));

        // Two uploads of one fresh batch at the same moment: each scan is stored by exactly one of them.
        var batch = new List<object>();
        for (var i = 0; i < 200; i++)
        {
            batch.Add(Scan(Guid.NewGuid(), await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default), now));
        }

        var race = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () => await AnswerAsync(await UploadAsync(Scanner(venue.Key), venue.Code, batch)))));
        Assert.Equal(200, race.Sum(r => r.Stored));
        Assert.Equal(200, race.Sum(r => r.Duplicates));
        Assert.Equal(241, await ScansAtAsync(venue.Id));
    }

    [Fact]
    public async Task Two_hosts_store_a_batch_sent_to_both_once_and_a_rotation_on_one_stops_the_key_on_the_other_within_seconds()
    {
        using var second = new YiwangFactory(F.Database, new Dictionary<string, string?> { ["Yiwang:HealthCodes:VenueKeyCacheSeconds"] = "1" }, sameDatabaseAs: F);
        var officer = await F.LoginAsync("qianchuan");
        var venue = await RegisterAsync(officer, "双机场所 " + Guid.NewGuid().ToString("N")[..6]);
        var now = DateTimeOffset.UtcNow;
        var batch = new List<object>();
        for (var i = 0; i < 300; i++)
        {
            batch.Add(Scan(Guid.NewGuid(), await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default), now));
        }

        var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Add("X-Venue-Key", venue.Key);
        var answers = await Task.WhenAll(
            Task.Run(async () => await AnswerAsync(await UploadAsync(Scanner(venue.Key), venue.Code, batch))),
            Task.Run(async () => await AnswerAsync(await UploadAsync(onSecond, venue.Code, batch))));
        Assert.Equal(300, answers.Sum(a => a.Stored));
        Assert.Equal(300, answers.Sum(a => a.Duplicates));
        Assert.Equal(300, await ScansAtAsync(venue.Id));

        // The second host has the key cached; a rotation on the first stops it there within the cache time (1 s here).
        await Http.JsonAsync(await officer.PostJsonAsync($"/api/health-codes/venues/{venue.Code}/key", new { }));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var stale = await UploadAsync(onSecond, venue.Code, [Scan(Guid.NewGuid(), await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default), DateTimeOffset.UtcNow)]);
        await Http.ProblemAsync(stale, HttpStatusCode.Unauthorized);
        Assert.Equal(300, await ScansAtAsync(venue.Id));
    }

    [Fact]
    public async Task A_venue_key_used_with_another_venues_code_is_refused_and_nothing_is_recorded()
    {
        var officer = await F.LoginAsync("qianchuan");
        var a = await RegisterAsync(officer, "甲超市 " + Guid.NewGuid().ToString("N")[..6]);
        var b = await RegisterAsync(officer, "乙超市 " + Guid.NewGuid().ToString("N")[..6]);
        var qr = await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default);

        var batch = await UploadAsync(Scanner(a.Key), b.Code, [Scan(Guid.NewGuid(), qr, DateTimeOffset.UtcNow)]);
        Assert.Equal("venue-key-mismatch", (await Http.ProblemAsync(batch, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        var online = await Scanner(a.Key).PostJsonAsync($"/api/health-codes/venues/{b.Code}/verify", new { qr });
        Assert.Equal("venue-key-mismatch", (await Http.ProblemAsync(online, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        Assert.Equal(0, await ScansAtAsync(a.Id));
        Assert.Equal(0, await ScansAtAsync(b.Id));
    }

    [Fact]
    public async Task Malformed_oversized_or_too_large_batches_are_refused_whole_and_a_full_batch_passes_the_raised_body_limit()
    {
        var venue = await RegisterAsync(await F.LoginAsync("qianchuan"), "大批量场所 " + Guid.NewGuid().ToString("N")[..6]);
        var scanner = Scanner(venue.Key);
        var url = $"/api/health-codes/venues/{venue.Code}/scans";

        using var broken = new StringContent("{\"scans\":[{\"id\":", Encoding.UTF8, "application/json");
        Assert.Equal("malformed-json", (await Http.ProblemAsync(await scanner.PostAsync(url, broken), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        using var wrongShape = new StringContent("[1,2,3]", Encoding.UTF8, "application/json");
        await Http.ProblemAsync(await scanner.PostAsync(url, wrongShape), HttpStatusCode.BadRequest);

        var now = DateTimeOffset.UtcNow;
        var qr = await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default);
        var tooMany = Enumerable.Range(0, 1001).Select(_ => Scan(Guid.NewGuid(), qr, now)).ToList();
        Assert.Equal("too-many-scans", (await Http.ProblemAsync(await UploadAsync(scanner, venue.Code, tooMany), HttpStatusCode.BadRequest)).GetProperty("code").GetString());

        using var huge = new ByteArrayContent(new byte[5 * 1024 * 1024]);
        huge.Headers.ContentType = new("application/json");
        await Http.ProblemAsync(await scanner.PostAsync(url, huge), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await ScansAtAsync(venue.Id));

        // 1000 scans (about 300 KB) pass, where the rest of the API takes 64 KiB in tests.
        var full = new List<object>();
        for (var i = 0; i < 1000; i++)
        {
            full.Add(Scan(Guid.NewGuid(), await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default), now));
        }

        var answer = await AnswerAsync(await UploadAsync(scanner, venue.Code, full));
        Assert.Equal((1000, 0, 0), (answer.Stored, answer.Duplicates, answer.Refused.Count));
        Assert.Equal(1000, await ScansAtAsync(venue.Id));
    }

    [Fact]
    public async Task The_online_endpoint_answers_the_colour_after_recording_once_and_refuses_bad_codes_without_recording()
    {
        var venue = await RegisterAsync(await F.LoginAsync("qianchuan"), "在线核验点 " + Guid.NewGuid().ToString("N")[..6]);
        var scanner = Scanner(venue.Key);
        var url = $"/api/health-codes/venues/{venue.Code}/verify";
        var qr = await Keys.IssueAsync(CodeColour.Yellow, Guid.NewGuid(), "travel", default);
        var id = Guid.NewGuid();

        var ok = await Http.JsonAsync(await scanner.PostJsonAsync(url, new { id, qr }));
        Assert.True(ok.GetProperty("valid").GetBoolean());
        Assert.Equal("yellow", ok.GetProperty("colour").GetString());
        Assert.InRange(ok.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));
        var row = await WithDbAsync(db => db.Set<Yiwang.HealthCodes.Domain.Scan>().AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal((venue.Id, ScanMode.Online, CodeColour.Yellow), (row.VenueId, row.Mode, row.Colour));

        // The same id again (a scanner's retry) records nothing more; without an id the server picks one.
        Assert.Equal(HttpStatusCode.OK, (await scanner.PostJsonAsync(url, new { id, qr })).StatusCode);
        Assert.Equal(1, await ScansAtAsync(venue.Id));
        var other = await Http.JsonAsync(await scanner.PostJsonAsync(url, new { qr }));
        Assert.NotEqual(id, other.GetProperty("id").GetGuid());
        Assert.Equal(2, await ScansAtAsync(venue.Id));

        // Many at once: each answer comes after its own scan is stored.
        var many = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            var scanId = Guid.NewGuid();
            var response = await scanner.PostJsonAsync(url, new { id = scanId, qr });
            response.EnsureSuccessStatusCode();
            return await WithDbAsync(db => db.Set<Yiwang.HealthCodes.Domain.Scan>().AnyAsync(s => s.Id == scanId));
        })));
        Assert.All(many, Assert.True);
        Assert.Equal(52, await ScansAtAsync(venue.Id));

        async Task Refused(object body, string code)
        {
            var problem = await Http.ProblemAsync(await scanner.PostJsonAsync(url, body), HttpStatusCode.BadRequest);
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.Contains(" / ", problem.GetProperty("detail").GetString());
        }

        await Refused(new { qr = await SignAsync(DateTimeOffset.UtcNow.AddMinutes(-20), TimeSpan.FromMinutes(5)) }, "expired");
        await Refused(new { qr = "HC1:" + qr[4..] }, "wrong-prefix");
        await Refused(new { qr = "YW1:garbage!" }, "not-base45");
        await Refused(new { qr = HealthCodeFormat.Wrap(new byte[64 * 1024]) }, "inflated-too-large");
        await Refused(new { qr = await SignAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), issuer: "CN-110101") }, "wrong-issuer");
        await Refused(new { id = "not-a-uuid", qr }, "bad-scan");
        await Refused(new { }, "wrong-prefix");
        Assert.Equal(52, await ScansAtAsync(venue.Id));
    }

    [Fact]
    public async Task Citizen_sign_up_answers_429_past_its_rate_limit()
    {
        var client = F.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last = await client.PostJsonAsync("/api/citizen/register", new { userName = "guess" + i, name = "某某", idNumber = "420116197001010011", phone = "1380000000" + i, password = "guess-pass-1" });
            Assert.NotEqual(HttpStatusCode.Created, last.StatusCode);
        }

        Assert.Equal("rate-limited", (await Http.ProblemAsync(last!, (HttpStatusCode)429)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_anonymous_verify_endpoint_answers_429_past_its_rate_limit()
    {
        var anonymous = F.CreateClient();
        var qr = await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default);
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last = await anonymous.PostJsonAsync("/api/health-codes/verify", new { qr });
        }

        var problem = await Http.ProblemAsync(last!, (HttpStatusCode)429);
        Assert.Equal("rate-limited", problem.GetProperty("code").GetString());
        Assert.True(last!.Headers.RetryAfter is not null || last.Headers.Contains("Retry-After"));

        // Venue scanners are not limited by it: they authenticate with their key.
        var venue = await RegisterAsync(await F.LoginAsync("qianchuan"), "限流对照 " + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.OK, (await Scanner(venue.Key).PostJsonAsync($"/api/health-codes/venues/{venue.Code}/verify", new { qr })).StatusCode);
    }

    [Fact]
    public async Task The_venues_page_registers_shows_the_key_once_rotates_and_deactivates_and_the_poster_prints_the_check_in_qr()
    {
        var officer = await F.LoginAsync("qianchuan");
        const string url = "/health-codes/venues";
        var page = await officer.GetStringAsync(url);
        Assert.Contains("id=\"venue-community\"", page);
        Assert.Contains("value=\"420116001002\"", page);
        Assert.DoesNotContain("value=\"420116013001\"", page); // 武湖's communities are not offered to 前川

        var name = "页面登记超市 " + Guid.NewGuid().ToString("N")[..6];
        async Task<string> PostAsync(Dictionary<string, string> form)
        {
            var before = await officer.GetStringAsync(url);
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(before).Groups[1].Value);
            var response = await officer.PostAsync(url, new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        var registered = await PostAsync(new()
        {
            ["_handler"] = "register-venue", ["Input.Name"] = name, ["Input.Address"] = "前川街道百秀街 8 号",
            ["Input.Kind"] = "market", ["Input.CommunityCode"] = "420116001002",
        });
        var venue = await WithDbAsync(db => db.Set<Venue>().AsNoTracking().SingleAsync(v => v.Name == name));
        var key = Regex.Match(registered, "id=\"venue-key\"[^>]*>([^<]+)<").Groups[1].Value;
        Assert.Equal(venue.KeyHash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        Assert.Contains($"/scan?venue={venue.Code}#key={key}", registered);
        Assert.Contains("id=\"venue-pairing-qr\"", registered);

        // Shown once: the list afterwards has the hint only.
        var list = WebUtility.HtmlDecode(await officer.GetStringAsync(url + "?q=" + Uri.EscapeDataString(name)));
        Assert.Contains(venue.Code, list);
        Assert.DoesNotContain(key, list);

        var rotated = await PostAsync(new() { ["_handler"] = "venue-rotate", ["code"] = venue.Code });
        var newKey = Regex.Match(rotated, "id=\"venue-key\"[^>]*>([^<]+)<").Groups[1].Value;
        Assert.StartsWith("vk_", newKey);
        Assert.NotEqual(key, newKey);
        Assert.Equal(Yiwang.Kernel.Accounts.ApiKeys.Hash(newKey), (await WithDbAsync(db => db.Set<Venue>().AsNoTracking().SingleAsync(v => v.Id == venue.Id))).KeyHash);

        var poster = WebUtility.HtmlDecode(await officer.GetStringAsync($"/health-codes/venues/{venue.Code}/poster"));
        Assert.Contains(name, poster);
        Assert.Contains("请扫码登记", poster);
        Assert.Contains("Scan to check in", poster);
        Assert.Contains($"http://localhost/v/{venue.Code}", poster);
        Assert.Contains("src=\"data:image/png;base64,", poster);
        var png = await officer.GetAsync($"/api/health-codes/venues/{venue.Code}/poster.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, (await png.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.NotFound, (await (await F.LoginAsync("wuhu")).GetAsync($"/api/health-codes/venues/{venue.Code}/poster.png")).StatusCode);
        Assert.Contains("role=\"alert\"", await (await F.LoginAsync("wuhu")).GetStringAsync($"/health-codes/venues/{venue.Code}/poster"));

        var deactivated = await PostAsync(new() { ["_handler"] = "venue-deactivate", ["code"] = venue.Code });
        Assert.Contains("id=\"venue-message\"", deactivated);
        Assert.False((await WithDbAsync(db => db.Set<Venue>().AsNoTracking().SingleAsync(v => v.Id == venue.Id))).Active);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>The venue tests' host on SQLite (a small verify rate limit).</summary>
public sealed class VenuesSqliteHost : IDisposable
{
    public YiwangFactory Factory { get; } = new(Db.Sqlite, VenuesTests.Settings);

    public void Dispose() => Factory.Dispose();
}

/// <summary>The venue tests' host on PostgreSQL (a small verify rate limit).</summary>
public sealed class VenuesPostgresHost : IDisposable
{
    public YiwangFactory Factory { get; } = new(Db.Postgres, VenuesTests.Settings);

    public void Dispose() => Factory.Dispose();
}

public sealed class VenuesTestsOnSqlite(VenuesSqliteHost host) : VenuesTests(host.Factory), IClassFixture<VenuesSqliteHost>;

public sealed class VenuesTestsOnPostgres(VenuesPostgresHost host) : VenuesTests(host.Factory), IClassFixture<VenuesPostgresHost>;
