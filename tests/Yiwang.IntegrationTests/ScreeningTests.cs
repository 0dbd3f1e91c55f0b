using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Command.Domain;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Frontline.Features.Screening;
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
/// Checkpoints and returnee screening end to end: checkpoints in scope with rosters and passage logs, the returnees
/// list, the signed webhook with every refusal, sightings with audited reads and expiry. SQLite and PostgreSQL.
/// </summary>
public abstract class ScreeningTests(YiwangFactory factory)
{
    private const string Qianchuan = "420116001";
    private const string Guangrong = "420116001001";

    private static int _personCursor;

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    /// <summary>A demo resident of 前川街道 with an identity number, a different one for each call.</summary>
    private Task<(Guid Id, string IdNumber, string Community)> ResidentAsync() => WithDbAsync(async db =>
    {
        var skip = Interlocked.Increment(ref _personCursor);
        var p = await db.Set<Person>().AsNoTracking()
            .Where(x => x.StreetCode == Qianchuan && x.IdNumber != null && x.MergedIntoId == null)
            .OrderBy(x => x.Id).Skip(skip).FirstAsync();
        return (p.Id, p.IdNumber!, p.CommunityCode);
    });

    private static string Today(int offset = 0) =>
        DistrictTime.Today(TimeProvider.System).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Guid> AddReturneeAsync(HttpClient officer, string idNumber, int arrivedDaysAgo = 3, string? plate = null)
    {
        var r = await officer.PostJsonAsync("/api/screening/returnees",
            new { idNumber, regionName = "重点地区甲", arrivalDate = Today(-arrivedDaysAgo), vehiclePlate = plate });
        return (await Http.JsonAsync(r)).GetProperty("id").GetGuid();
    }

    /// <summary>A sender registered by the administrator with a fresh key pair; the caller keeps the private key.</summary>
    private sealed record Sender(string Code, ECDsa Key);

    private async Task<Sender> SenderAsync(string kind = "face")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var code = $"{kind}-{Guid.NewGuid():N}"[..20];
        var admin = await F.LoginAsync("admin");
        var r = await admin.PostJsonAsync("/api/screening/senders", new { code, name = "测试比对系统", kind, publicKey = key.ExportSubjectPublicKeyInfoPem() });
        await Http.JsonAsync(r);
        return new Sender(code, key);
    }

    private static byte[] EventJson(string eventId, string system, string? idNumber = null, string? plate = null, DateTimeOffset? at = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            eventId,
            system,
            deviceId = "cam-07",
            location = "汉口北大道卡口",
            occurredAt = at ?? DateTimeOffset.UtcNow.AddMinutes(-1),
            idNumber,
            plate,
        });

    private async Task<HttpResponseMessage> PostEventAsync(
        Sender s, byte[] body, long? timestamp = null, string? nonce = null, string? signature = null, string? senderCode = null)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        nonce ??= Guid.NewGuid().ToString("N");
        signature ??= ScreeningSignature.Sign(s.Key, ts, nonce, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screening/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Yiwang-Sender", senderCode ?? s.Code);
        request.Headers.Add("X-Yiwang-Timestamp", ts);
        request.Headers.Add("X-Yiwang-Nonce", nonce);
        request.Headers.Add("X-Yiwang-Signature", signature);
        return await F.CreateClient().SendAsync(request);
    }

    private Task<(int Sightings, int Nonces, int Orders)> CountsAsync() => WithDbAsync(async db =>
        (await db.Set<Sighting>().CountAsync(), await db.Set<ScreeningNonce>().CountAsync(),
         await db.Set<WorkOrder>().CountAsync(w => w.Module == "frontline")));

    private static async Task AssertRefusedAsync(HttpResponseMessage r, HttpStatusCode status, string code)
    {
        var problem = await Http.ProblemAsync(r, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(" / ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_are_created_listed_and_updated_in_scope_and_invisible_outside()
    {
        var qianchuan = await F.LoginAsync("qianchuan");
        var created = await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/checkpoints",
            new { name = "汉口北大道卡口", kind = "Road", unitCode = Qianchuan, latitude = 30.88, longitude = 114.38 }));
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("前川街道", created.GetProperty("unitName").GetString());

        var list = await Http.JsonAsync(await qianchuan.GetAsync("/api/checkpoints?q=汉口北"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        var updated = await Http.JsonAsync(await qianchuan.PutAsJsonAsync($"/api/checkpoints/{id}",
            new { name = "汉口北大道卡口（北）", kind = "Road", active = false }, Http.Json));
        Assert.False(updated.GetProperty("active").GetBoolean());

        // 武湖街道's officer neither sees nor touches it: 404, as if it did not exist.
        var wuhu = await F.LoginAsync("wuhu");
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/checkpoints/{id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.PutAsJsonAsync($"/api/checkpoints/{id}", new { name = "x", kind = "Road" }, Http.Json), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.PostJsonAsync($"/api/checkpoints/{id}/passages", new { direction = "In", persons = 1 }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/checkpoints/{id}/passages"), HttpStatusCode.NotFound);
        var wuhuList = await Http.JsonAsync(await wuhu.GetAsync("/api/checkpoints?q=汉口北"));
        Assert.DoesNotContain(wuhuList.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        // Nor can they set one up in 前川街道.
        await Http.ProblemAsync(await wuhu.PostJsonAsync("/api/checkpoints", new { name = "越界卡口", kind = "Road", unitCode = Qianchuan }), HttpStatusCode.Forbidden);
        // A community worker sees checkpoints of their community only.
        var guangrong = await F.LoginAsync("guangrong");
        await Http.ProblemAsync(await guangrong.GetAsync($"/api/checkpoints/{id}"), HttpStatusCode.NotFound);
        // The auditor has no frontline permission.
        var auditor = await F.LoginAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/checkpoints")).StatusCode);
    }

    [Fact]
    public async Task Bad_checkpoint_input_is_refused_with_field_errors_and_nothing_written()
    {
        var qianchuan = await F.LoginAsync("qianchuan");
        var before = await WithDbAsync(db => db.Set<Checkpoint>().CountAsync());
        var r = await qianchuan.PostJsonAsync("/api/checkpoints", new { name = "<b>卡口</b>", kind = "Bridge", unitCode = "420116", latitude = 10.0 });
        var problem = await Http.ProblemAsync(r, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "kind", "unitCode", "latitude" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Equal(before, await WithDbAsync(db => db.Set<Checkpoint>().CountAsync()));
    }

    [Fact]
    public async Task Rosters_make_a_checkpoint_on_duty_now_and_the_dashboard_counts_it()
    {
        var guangrong = await F.LoginAsync("guangrong");
        var id = (await Http.JsonAsync(await guangrong.PostJsonAsync("/api/checkpoints",
            new { name = "光荣小区东门", kind = "CommunityGate", unitCode = Guangrong }))).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var detail = await Http.JsonAsync(await guangrong.GetAsync($"/api/checkpoints/{id}"));
        Assert.False(detail.GetProperty("checkpoint").GetProperty("onDuty").GetBoolean());

        // Later today: not on duty yet. Now: on duty.
        await Http.JsonAsync(await guangrong.PostJsonAsync($"/api/checkpoints/{id}/shifts",
            new { startsAt = now.AddHours(3), endsAt = now.AddHours(11), staff = new[] { new { name = "王芳", role = "网格员" } } }));
        await Http.JsonAsync(await guangrong.PostJsonAsync($"/api/checkpoints/{id}/shifts",
            new { startsAt = now.AddHours(-1), endsAt = now.AddHours(2), staff = new[] { new { name = "李强", role = "民警" }, new { name = "张敏", role = "志愿者" } } }));
        detail = await Http.JsonAsync(await guangrong.GetAsync($"/api/checkpoints/{id}"));
        Assert.True(detail.GetProperty("checkpoint").GetProperty("onDuty").GetBoolean());
        var roster = detail.GetProperty("roster").EnumerateArray().ToList();
        Assert.Equal(2, roster.Count);
        Assert.Single(roster, s => s.GetProperty("now").GetBoolean());
        Assert.Equal(2, roster.Single(s => s.GetProperty("now").GetBoolean()).GetProperty("staff").GetArrayLength());

        // Refused shifts: end before start, no staff, an identity number in a name.
        var bad = await guangrong.PostJsonAsync($"/api/checkpoints/{id}/shifts",
            new { startsAt = now.AddHours(2), endsAt = now.AddHours(1), staff = Array.Empty<object>() });
        var errors = (await Http.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("endsAt", out _));
        Assert.True(errors.TryGetProperty("staff", out _));
        bad = await guangrong.PostJsonAsync($"/api/checkpoints/{id}/shifts",
            new { startsAt = now, endsAt = now.AddHours(1), staff = new[] { new { name = "420116199001011234", role = "民警" } } });
        Assert.True((await Http.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("staff[0].name", out _));

        await using var scope = F.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var source = scope.ServiceProvider.GetServices<IUnitFigureSource>().Single(s => s.Definitions.Any(d => d.Figure == CheckpointFigures.OnDuty));
        var townships = await source.CountAsync(db, "420116", 9, CancellationToken.None);
        Assert.True(townships.Single(f => f.UnitCode == Qianchuan).Value >= 1);
        var communities = await source.CountAsync(db, Qianchuan, 12, CancellationToken.None);
        Assert.True(communities.Single(f => f.UnitCode == Guangrong).Value >= 1);
        Assert.All(communities, f => Assert.StartsWith(Qianchuan, f.UnitCode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Passages_are_logged_and_paged_newest_first_and_bad_ones_refused()
    {
        var qianchuan = await F.LoginAsync("qianchuan");
        var id = (await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/checkpoints",
            new { name = "前川客运站", kind = "Station", unitCode = Qianchuan }))).GetProperty("id").GetGuid();
        var t0 = DateTimeOffset.UtcNow.AddHours(-2);
        for (var i = 0; i < 3; i++)
        {
            await Http.JsonAsync(await qianchuan.PostJsonAsync($"/api/checkpoints/{id}/passages",
                new { at = t0.AddMinutes(i * 10), direction = i % 2 == 0 ? "In" : "Out", vehiclePlate = "鄂A 1234" + i, persons = i + 1, temperature = "Normal", note = "正常通行" }));
        }

        var page = await Http.JsonAsync(await qianchuan.GetAsync($"/api/checkpoints/{id}/passages?pageSize=2"));
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(3, items[0].GetProperty("persons").GetInt32());
        Assert.Equal("鄂A12342", items[0].GetProperty("vehiclePlate").GetString());
        var second = await Http.JsonAsync(await qianchuan.GetAsync($"/api/checkpoints/{id}/passages?pageSize=2&page=2"));
        Assert.Single(second.GetProperty("items").EnumerateArray());

        var bad = await qianchuan.PostJsonAsync($"/api/checkpoints/{id}/passages",
            new { at = DateTimeOffset.UtcNow.AddHours(2), direction = "Sideways", vehiclePlate = "XYZ", persons = -1, temperature = "Hot" });
        var errors = (await Http.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "at", "direction", "vehiclePlate", "persons", "temperature" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Equal(3, await WithDbAsync(db => db.Set<PassageLog>().CountAsync(p => p.CheckpointId == id)));
    }

    [Fact]
    public async Task Returnees_are_recorded_by_township_officers_without_the_identity_number()
    {
        var (personId, idNumber, community) = await ResidentAsync();
        var qianchuan = await F.LoginAsync("qianchuan");
        var id = await AddReturneeAsync(qianchuan, idNumber, plate: "鄂a·12345");
        var stored = await WithDbAsync(db => db.Set<Returnee>().AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(personId, stored.PersonId);
        Assert.Equal(community, stored.CommunityCode);
        Assert.Equal("鄂A12345", stored.VehiclePlate);
        var list = await Http.JsonAsync(await qianchuan.GetAsync("/api/screening/returnees?watched=true&pageSize=200"));
        var row = list.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(idNumber, row.ToString(), StringComparison.Ordinal);
        Assert.True(row.GetProperty("watched").GetBoolean());

        // Twice the same return: conflict. A community worker may not record. Wuhu cannot find a 前川 resident.
        await Http.ProblemAsync(await qianchuan.PostJsonAsync("/api/screening/returnees",
            new { idNumber, regionName = "重点地区甲", arrivalDate = Today(-3) }), HttpStatusCode.Conflict);
        await Http.ProblemAsync(await (await F.LoginAsync("guangrong")).PostJsonAsync("/api/screening/returnees",
            new { idNumber, regionName = "重点地区乙", arrivalDate = Today(-1) }), HttpStatusCode.Forbidden);
        var wuhu = await F.LoginAsync("wuhu");
        var notFound = await Http.ProblemAsync(await wuhu.PostJsonAsync("/api/screening/returnees",
            new { idNumber, regionName = "重点地区乙", arrivalDate = Today(-1) }), HttpStatusCode.NotFound);
        Assert.Equal("person-not-found", notFound.GetProperty("code").GetString());
        var wuhuList = await Http.JsonAsync(await wuhu.GetAsync("/api/screening/returnees?pageSize=200"));
        Assert.DoesNotContain(wuhuList.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
        var bad = await qianchuan.PostJsonAsync("/api/screening/returnees", new { idNumber, regionName = "", arrivalDate = Today(1) });
        var errors = (await Http.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("regionName", out _));
        Assert.True(errors.TryGetProperty("arrivalDate", out _));
    }

    [Fact]
    public async Task A_face_match_of_a_returnee_stores_a_sighting_and_opens_one_verification_order_for_the_community()
    {
        var (personId, idNumber, community) = await ResidentAsync();
        var qianchuan = await F.LoginAsync("qianchuan");
        await AddReturneeAsync(qianchuan, idNumber);
        var sender = await SenderAsync("face");
        var before = await CountsAsync();

        var eventId = "evt-" + Guid.NewGuid().ToString("N")[..12];
        var r = await PostEventAsync(sender, EventJson(eventId, "face", idNumber));
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var sighting = await WithDbAsync(db => db.Set<Sighting>().AsNoTracking().SingleAsync(s => s.EventId == eventId));
        Assert.Equal(personId, sighting.PersonId);
        Assert.Equal(community, sighting.CommunityCode);
        Assert.Equal(ScreeningSystemKind.Face, sighting.Source);
        Assert.Equal("cam-07", sighting.DeviceId);
        Assert.Equal(Sighting.PurposeReturneeScreening, sighting.Purpose);
        var order = await WithDbAsync(db => db.Set<WorkOrder>().AsNoTracking().SingleAsync(w => w.Id == sighting.WorkOrderId));
        Assert.Equal("frontline", order.Module);
        Assert.Equal("returnee-verification", order.Kind);
        Assert.Equal(community, order.UnitCode);
        Assert.Equal(personId.ToString(), order.SubjectId);
        Assert.DoesNotContain(idNumber, order.TitleZh + order.TitleEn + order.Detail + order.DedupKey, StringComparison.Ordinal);
        Assert.InRange(order.DueAt - order.CreatedAt, TimeSpan.FromHours(11), TimeSpan.FromHours(13));

        // The same event again (a new nonce): stored once. Another event the same day: a second sighting, the same order.
        Assert.Equal(HttpStatusCode.Accepted, (await PostEventAsync(sender, EventJson(eventId, "face", idNumber))).StatusCode);
        var eventId2 = "evt-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(HttpStatusCode.Accepted, (await PostEventAsync(sender, EventJson(eventId2, "face", idNumber))).StatusCode);
        var after = await CountsAsync();
        Assert.Equal(before.Sightings + 2, after.Sightings);
        Assert.Equal(before.Orders + 1, after.Orders);
        var second = await WithDbAsync(db => db.Set<Sighting>().AsNoTracking().SingleAsync(s => s.EventId == eventId2));
        Assert.Equal(sighting.WorkOrderId, second.WorkOrderId);
        // The sighting, its order and the nonces were written by the sender's save, with audit entries naming it.
        Assert.True(await WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Sighting) && a.EntityId == sighting.Id.ToString()
            && a.Actor == "screening:" + sender.Code)));
    }

    [Fact]
    public async Task A_plate_match_finds_the_returnee_by_vehicle_and_entries_past_the_observation_window_stop_matching()
    {
        var (personId, idNumber, _) = await ResidentAsync();
        var (_, oldIdNumber, _) = await ResidentAsync();
        var qianchuan = await F.LoginAsync("qianchuan");
        var plate = "鄂A" + Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await AddReturneeAsync(qianchuan, idNumber, plate: plate);
        await AddReturneeAsync(qianchuan, oldIdNumber, arrivedDaysAgo: 20);
        var plates = await SenderAsync("plate");
        var faces = await SenderAsync("face");

        var plateEvent = "p-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(HttpStatusCode.Accepted, (await PostEventAsync(plates, EventJson(plateEvent, "plate", plate: plate.ToLowerInvariant()))).StatusCode);
        Assert.Equal(personId, (await WithDbAsync(db => db.Set<Sighting>().SingleAsync(s => s.EventId == plateEvent))).PersonId);

        var before = await CountsAsync();
        var oldEvent = "o-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(HttpStatusCode.Accepted, (await PostEventAsync(faces, EventJson(oldEvent, "face", oldIdNumber))).StatusCode);
        var after = await CountsAsync();
        Assert.Equal(before.Sightings, after.Sightings);
        Assert.Equal(before.Orders, after.Orders);
    }

    [Fact]
    public async Task Unmatched_subjects_are_acknowledged_and_not_stored()
    {
        var (_, idNumber, _) = await ResidentAsync(); // in the registry, not on the list
        var sender = await SenderAsync("door");
        var before = await CountsAsync();
        var r = await PostEventAsync(sender, EventJson("u-" + Guid.NewGuid().ToString("N")[..12], "door", idNumber));
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        // Same answer as a match: the sender cannot probe who is on the list.
        Assert.Equal("accepted", (await Http.JsonAsync(r)).GetProperty("status").GetString());
        var after = await CountsAsync();
        Assert.Equal(before.Sightings, after.Sightings);
        Assert.Equal(before.Orders, after.Orders);
        Assert.Equal(before.Nonces + 1, after.Nonces); // only the nonce, against replays
    }

    [Fact]
    public async Task Every_refusal_has_its_own_code_and_stores_nothing()
    {
        var (_, idNumber, _) = await ResidentAsync();
        var qianchuan = await F.LoginAsync("qianchuan");
        await AddReturneeAsync(qianchuan, idNumber);
        var sender = await SenderAsync("face");
        var body = EventJson("r-" + Guid.NewGuid().ToString("N")[..12], "face", idNumber);
        var before = await CountsAsync();

        await AssertRefusedAsync(await PostEventAsync(sender, body, senderCode: "no-such-sender"), HttpStatusCode.Unauthorized, "screening-unknown-sender");
        // Signed by another key; a tampered body under a good signature.
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var nonce = Guid.NewGuid().ToString("N");
        await AssertRefusedAsync(await PostEventAsync(sender, body, ts, nonce, ScreeningSignature.Sign(other, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), nonce, body)),
            HttpStatusCode.Unauthorized, "screening-bad-signature");
        var goodSignature = ScreeningSignature.Sign(sender.Key, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), nonce, body);
        var tampered = (byte[])body.Clone();
        tampered[^3] ^= 1;
        await AssertRefusedAsync(await PostEventAsync(sender, tampered, ts, nonce, goodSignature), HttpStatusCode.Unauthorized, "screening-bad-signature");
        await AssertRefusedAsync(await PostEventAsync(sender, body, ts, nonce, "not base64!"), HttpStatusCode.Unauthorized, "screening-bad-signature");
        // Six minutes old, six minutes ahead.
        await AssertRefusedAsync(await PostEventAsync(sender, body, DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds()), HttpStatusCode.Unauthorized, "screening-stale-timestamp");
        await AssertRefusedAsync(await PostEventAsync(sender, body, DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds()), HttpStatusCode.Unauthorized, "screening-stale-timestamp");
        // Over the size limit, signed.
        var big = Encoding.UTF8.GetBytes("{\"eventId\":\"big\",\"pad\":\"" + new string('x', 20_000) + "\"}");
        await AssertRefusedAsync(await PostEventAsync(sender, big), HttpStatusCode.RequestEntityTooLarge, "screening-body-too-large");
        // Malformed JSON and an event without its fields, both signed.
        await AssertRefusedAsync(await PostEventAsync(sender, Encoding.UTF8.GetBytes("{\"eventId\": \"x\",")), HttpStatusCode.BadRequest, "screening-malformed-json");
        await AssertRefusedAsync(await PostEventAsync(sender, Encoding.UTF8.GetBytes("[1,2]")), HttpStatusCode.BadRequest, "screening-malformed-json");
        await AssertRefusedAsync(await PostEventAsync(sender, Encoding.UTF8.GetBytes("{\"eventId\":\"x y\",\"system\":\"plate\"}")), HttpStatusCode.BadRequest, "screening-invalid-event");
        // Missing headers.
        var bare = await F.CreateClient().PostAsync("/api/screening/events", new ByteArrayContent(body));
        await AssertRefusedAsync(bare, HttpStatusCode.Unauthorized, "screening-missing-headers");
        Assert.Equal(before, await CountsAsync());

        // The genuine request lands once; replaying it verbatim is refused and stores nothing more.
        var ok = await PostEventAsync(sender, body, ts, nonce, goodSignature);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        var landed = await CountsAsync();
        Assert.Equal(before.Sightings + 1, landed.Sightings);
        await AssertRefusedAsync(await PostEventAsync(sender, body, ts, nonce, goodSignature), HttpStatusCode.Conflict, "screening-replayed-nonce");
        Assert.Equal(landed, await CountsAsync());

        // A disabled sender is unknown from then on.
        var admin = await F.LoginAsync("admin");
        var senders = await Http.JsonAsync(await admin.GetAsync("/api/screening/senders"));
        var senderId = senders.EnumerateArray().Single(s => s.GetProperty("code").GetString() == sender.Code).GetProperty("id").GetGuid();
        await Http.JsonAsync(await admin.PostAsync($"/api/screening/senders/{senderId}/disable", null));
        await AssertRefusedAsync(await PostEventAsync(sender, body), HttpStatusCode.Unauthorized, "screening-unknown-sender");
    }

    [Fact]
    public async Task Senders_are_registered_by_the_administrator_or_commander_with_a_public_key_only()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        var jwk = JsonSerializer.Serialize(new { kty = "EC", crv = "P-256", x = Base64Url(p.Q.X!), y = Base64Url(p.Q.Y!) });
        var commander = await F.LoginAsync("commander");
        var created = await Http.JsonAsync(await commander.PostJsonAsync("/api/screening/senders",
            new { code = "jwk-" + Guid.NewGuid().ToString("N")[..8], name = "门禁系统", kind = "Door", publicKey = jwk }));
        Assert.Equal(16, created.GetProperty("keyFingerprint").GetString()!.Length);

        var bad = await commander.PostJsonAsync("/api/screening/senders",
            new { code = "X", name = "", kind = "Iris", publicKey = key.ExportECPrivateKeyPem() });
        var errors = (await Http.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "code", "name", "kind", "publicKey" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        bad = await commander.PostJsonAsync("/api/screening/senders",
            new { code = "p384-" + Guid.NewGuid().ToString("N")[..8], name = "x", kind = "Face", publicKey = p384.ExportSubjectPublicKeyInfoPem() });
        Assert.True((await Http.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("publicKey", out _));

        var qianchuan = await F.LoginAsync("qianchuan");
        await Http.ProblemAsync(await qianchuan.PostJsonAsync("/api/screening/senders",
            new { code = "sneaky-sender", name = "x", kind = "Face", publicKey = key.ExportSubjectPublicKeyInfoPem() }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_read_of_sightings_is_audited_and_scoped()
    {
        var (_, idNumber, _) = await ResidentAsync();
        await AddReturneeAsync(await F.LoginAsync("qianchuan"), idNumber);
        var sender = await SenderAsync("face");
        var eventId = "a-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(HttpStatusCode.Accepted, (await PostEventAsync(sender, EventJson(eventId, "face", idNumber))).StatusCode);
        var sightingId = (await WithDbAsync(db => db.Set<Sighting>().SingleAsync(s => s.EventId == eventId))).Id;

        Task<long> ReadsAsync() => WithDbAsync(db => db.AuditEntries.LongCountAsync(a => a.Action == "read" && a.EntityType == nameof(Sighting)));
        var before = await ReadsAsync();
        var qianchuan = await F.LoginAsync("qianchuan");
        var list = await Http.JsonAsync(await qianchuan.GetAsync("/api/screening/sightings?pageSize=200"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == sightingId);
        var one = await Http.JsonAsync(await qianchuan.GetAsync($"/api/screening/sightings/{sightingId}"));
        Assert.Equal("returnee-screening", one.GetProperty("purpose").GetString());
        Assert.DoesNotContain(idNumber, one.ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 2, await ReadsAsync());
        var detailRead = await WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Seq).FirstAsync(a => a.Action == "read" && a.EntityId == sightingId.ToString()));
        Assert.Equal("qianchuan", detailRead.Actor);
        Assert.Equal("returnee-screening", detailRead.Reason);

        var wuhu = await F.LoginAsync("wuhu");
        await Http.ProblemAsync(await wuhu.GetAsync($"/api/screening/sightings/{sightingId}"), HttpStatusCode.NotFound);
        var wuhuList = await Http.JsonAsync(await wuhu.GetAsync("/api/screening/sightings?pageSize=200"));
        Assert.DoesNotContain(wuhuList.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == sightingId);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await F.LoginAsync("clerk")).GetAsync("/api/screening/sightings")).StatusCode);
    }

    [Fact]
    public async Task The_expiry_job_deletes_sightings_past_retention_and_expired_nonces()
    {
        var now = DateTimeOffset.UtcNow;
        var senderId = Guid.NewGuid();
        Sighting Make(int daysAgo) => new()
        {
            Id = Guid.CreateVersion7(),
            PersonId = Guid.NewGuid(),
            CommunityCode = Guangrong,
            StreetCode = Qianchuan,
            ReturneeId = Guid.NewGuid(),
            SenderId = senderId,
            EventId = "x-" + Guid.NewGuid().ToString("N")[..12],
            Source = ScreeningSystemKind.Face,
            DeviceId = "cam-1",
            SeenAt = now.AddDays(-daysAgo),
            ReceivedAt = now.AddDays(-daysAgo),
            WorkOrderId = Guid.NewGuid(),
        };
        var old = Enumerable.Range(0, 3).Select(_ => Make(15)).ToList();
        var recent = Make(13);
        var staleNonce = new ScreeningNonce { SenderId = senderId, Nonce = Guid.NewGuid().ToString("N"), ExpiresAt = now.AddMinutes(-1) };
        var liveNonce = new ScreeningNonce { SenderId = senderId, Nonce = Guid.NewGuid().ToString("N"), ExpiresAt = now.AddMinutes(9) };
        await WithDbAsync(async db =>
        {
            db.AddRange(old);
            db.Add(recent);
            db.AddRange(staleNonce, liveNonce);
            return await db.SaveChangesAsync();
        });

        await F.Services.GetRequiredService<JobScheduler>().RunNowAsync(ExpireSightingsJob.JobName, CancellationToken.None);

        var oldIds = old.Select(o => o.Id).ToList();
        Assert.False(await WithDbAsync(db => db.Set<Sighting>().AnyAsync(s => oldIds.Contains(s.Id))));
        Assert.True(await WithDbAsync(db => db.Set<Sighting>().AnyAsync(s => s.Id == recent.Id)));
        Assert.False(await WithDbAsync(db => db.Set<ScreeningNonce>().AnyAsync(n => n.Nonce == staleNonce.Nonce)));
        Assert.True(await WithDbAsync(db => db.Set<ScreeningNonce>().AnyAsync(n => n.Nonce == liveNonce.Nonce)));
        Assert.True(await WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "expire" && a.EntityType == nameof(Sighting)
            && a.Actor == "system:job:" + ExpireSightingsJob.JobName)));
    }

    [Fact]
    public async Task Pages_render_for_a_township_officer()
    {
        var qianchuan = await F.LoginAsync("qianchuan");
        var id = (await Http.JsonAsync(await qianchuan.PostJsonAsync("/api/checkpoints",
            new { name = "页面测试卡口", kind = "Road", unitCode = Qianchuan }))).GetProperty("id").GetGuid();
        foreach (var url in new[] { "/checkpoints", $"/checkpoints/{id}", "/checkpoints/returnees", "/checkpoints/sightings" })
        {
            var r = await qianchuan.GetAsync(url);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url}: {(int)r.StatusCode}");
        }

        var html = await (await qianchuan.GetAsync($"/checkpoints/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("页面测试卡口", html, StringComparison.Ordinal);
        var wuhu = await F.LoginAsync("wuhu");
        var other = await (await wuhu.GetAsync($"/checkpoints/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("页面测试卡口", other, StringComparison.Ordinal);
    }

    private static string Base64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed class ScreeningTestsOnSqlite(SqliteHost host) : ScreeningTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class ScreeningTestsOnPostgres(PostgresHost host) : ScreeningTests(host.Factory), IClassFixture<PostgresHost>;
