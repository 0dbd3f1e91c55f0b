using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Health-code keys end to end: the first key is created, the trust list publishes it as a JWK Set (cacheable, with
/// an ETag), rotation keeps the old key published while its codes live, and the verify endpoint refuses bad codes
/// with their reason. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class HealthCodesTests(YiwangFactory factory)
{
    private const string TrustList = "/.well-known/yiwang/trust-list.json";

    protected YiwangFactory F { get; } = factory;

    private SigningKeyService Keys => F.Services.GetRequiredService<SigningKeyService>();

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    private static async Task<JsonElement> TrustListAsync(HttpClient c) => await Http.JsonAsync(await c.GetAsync(TrustList));

    private static List<string> Kids(JsonElement list) => list.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient c, string? qr) => c.PostJsonAsync("/api/health-codes/verify", new { qr });

    /// <summary>Signs arbitrary claims with the stored active key (as a test double of an issuer with other clocks).</summary>
    private async Task<string> SignWithActiveAsync(HealthCodeClaims claims)
    {
        var active = await WithDbAsync(db => db.Set<SigningKey>().SingleAsync(k => k.RetiredAt == null));
        var protector = F.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SigningKeyService.Purpose);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(active.ProtectedPrivateKey)), out _);
        return HealthCodeFormat.Encode(claims, key, HealthCodeFormat.FromBase64Url(active.Kid));
    }

    private static HealthCodeClaims Claims(DateTimeOffset iat, TimeSpan life) =>
        new("CN-420116", DateTimeOffset.FromUnixTimeSeconds(iat.ToUnixTimeSeconds()), DateTimeOffset.FromUnixTimeSeconds((iat + life).ToUnixTimeSeconds()), CodeColour.Green, "c3ViamVjdA");

    [Fact]
    public async Task The_trust_list_is_an_anonymous_cacheable_jwk_set_of_the_active_key()
    {
        var anonymous = F.CreateClient();
        var response = await anonymous.GetAsync(TrustList);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.InRange(response.Headers.CacheControl!.MaxAge!.Value.TotalSeconds, 60, 900);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var keys = list.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        var active = await WithDbAsync(db => db.Set<SigningKey>().SingleAsync(k => k.RetiredAt == null));
        var first = keys[0];
        Assert.Equal(active.Kid, first.GetProperty("kid").GetString());
        foreach (var k in keys)
        {
            Assert.Equal("EC", k.GetProperty("kty").GetString());
            Assert.Equal("P-256", k.GetProperty("crv").GetString());
            Assert.Equal("ES256", k.GetProperty("alg").GetString());
            Assert.Equal("sig", k.GetProperty("use").GetString());
            Assert.Equal(32, HealthCodeFormat.FromBase64Url(k.GetProperty("x").GetString()!).Length);
            Assert.Equal(32, HealthCodeFormat.FromBase64Url(k.GetProperty("y").GetString()!).Length);
            Assert.False(k.TryGetProperty("d", out _));
        }

        // The published key verifies a code the server issued.
        var qr = await Keys.IssueAsync(CodeColour.Yellow, Guid.NewGuid(), "travel", default);
        var trusted = SigningKeyService.ToTrusted(new SigningKey { Kid = active.Kid, X = first.GetProperty("x").GetString()!, Y = first.GetProperty("y").GetString()! });
        Assert.True(HealthCodeFormat.Verify(qr, kid => kid == trusted.Kid ? trusted : null, DateTimeOffset.UtcNow).Valid);

        // Revalidation with the ETag answers 304 without a body.
        using var again = new HttpRequestMessage(HttpMethod.Get, TrustList);
        again.Headers.IfNoneMatch.Add(etag!);
        var notModified = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_verify_endpoint_answers_the_colour_of_a_valid_code_and_refuses_bad_ones_with_their_reason()
    {
        var anonymous = F.CreateClient();
        var person = Guid.NewGuid();
        var qr = await Keys.IssueAsync(CodeColour.Red, person, "close-contact", default);
        var ok = await Http.JsonAsync(await VerifyAsync(anonymous, qr));
        Assert.True(ok.GetProperty("valid").GetBoolean());
        Assert.Equal("red", ok.GetProperty("colour").GetString());
        Assert.Equal("close-contact", ok.GetProperty("rule").GetString());
        var expires = ok.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));
        var activeKid = await WithDbAsync(db => db.Set<SigningKey>().Where(k => k.RetiredAt == null).Select(k => k.Kid).SingleAsync());
        Assert.Equal(activeKid, ok.GetProperty("kid").GetString());
        // The code never carries the person id.
        Assert.DoesNotContain(person.ToString("N"), System.Text.Encoding.UTF8.GetString(HealthCodeFormat.Inflate(SimpleBase.Base45.Default.Decode(qr.AsSpan(4)), out _)!), StringComparison.OrdinalIgnoreCase);

        async Task Refused(string? text, string code) =>
            Assert.Equal(code, (await Http.ProblemAsync(await VerifyAsync(anonymous, text), HttpStatusCode.BadRequest)).GetProperty("code").GetString());

        await Refused(null, "wrong-prefix");
        await Refused("HC1:" + qr[4..], "wrong-prefix");
        await Refused("YW1:garbage!", "not-base45");
        await Refused(qr + new string('0', 3000), "too-large");
        await Refused(HealthCodeFormat.Wrap(new byte[64 * 1024]), "inflated-too-large");
        await Refused(await SignWithActiveAsync(Claims(DateTimeOffset.UtcNow.AddMinutes(-20), TimeSpan.FromMinutes(5))), "expired");
        await Refused(await SignWithActiveAsync(Claims(DateTimeOffset.UtcNow.AddMinutes(10), TimeSpan.FromMinutes(5))), "not-yet-valid");
        using (var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await Refused(HealthCodeFormat.Encode(Claims(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), stranger, RandomNumberGenerator.GetBytes(8)), "unknown-kid");
            await Refused(HealthCodeFormat.Encode(Claims(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), stranger, HealthCodeFormat.FromBase64Url(activeKid)), "bad-signature");
        }
    }

    [Fact]
    public async Task Rotation_signs_new_codes_with_the_new_key_while_the_old_key_stays_published_for_its_codes()
    {
        var anonymous = F.CreateClient();
        var oldKid = await WithDbAsync(db => db.Set<SigningKey>().Where(k => k.RetiredAt == null).Select(k => k.Kid).SingleAsync());
        var oldCode = await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default);
        var etag = (await anonymous.GetAsync(TrustList)).Headers.ETag;

        // Only the district's configurers may rotate.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/health-codes/keys/rotate", new { reason = "x" })).StatusCode);
        var worker = await F.LoginAsync("guangrong");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync("/api/health-codes/keys/rotate", new { reason = "x" })).StatusCode);
        Assert.Equal(oldKid, await WithDbAsync(db => db.Set<SigningKey>().Where(k => k.RetiredAt == null).Select(k => k.Kid).SingleAsync()));

        var commander = await F.LoginAsync("commander");
        var rotated = await Http.JsonAsync(await commander.PostJsonAsync("/api/health-codes/keys/rotate", new { reason = "例行轮换 scheduled rotation" }));
        var newKid = rotated.GetProperty("kid").GetString()!;
        Assert.NotEqual(oldKid, newKid);
        Assert.Contains(oldKid, rotated.GetProperty("retired").EnumerateArray().Select(e => e.GetString()));

        // One active key; the rotation is in the audit chain with its reason and actor.
        Assert.Equal(newKid, await WithDbAsync(db => db.Set<SigningKey>().Where(k => k.RetiredAt == null).Select(k => k.Kid).SingleAsync()));
        var audit = await WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "healthcodes.key-rotate" && a.EntityId == newKid).SingleAsync());
        Assert.Equal("commander", audit.Actor);
        Assert.Equal("例行轮换 scheduled rotation", audit.Reason);

        // The trust list lists both, the new one first; the old one carries its retirement time; the ETag changed.
        var response = await anonymous.GetAsync(TrustList);
        Assert.NotEqual(etag, response.Headers.ETag);
        var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var kids = Kids(list);
        Assert.Equal(newKid, kids[0]);
        Assert.Contains(oldKid, kids);
        Assert.True(list.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == oldKid).TryGetProperty("yw_retired", out _));

        // New codes are signed by the new key; the old code still verifies.
        var newCode = await Keys.IssueAsync(CodeColour.Green, Guid.NewGuid(), null, default);
        Assert.Equal(newKid, (await Http.JsonAsync(await VerifyAsync(anonymous, newCode))).GetProperty("kid").GetString());
        Assert.Equal(oldKid, (await Http.JsonAsync(await VerifyAsync(anonymous, oldCode))).GetProperty("kid").GetString());

        // A code the old key signs after its retirement is refused.
        var retiredAt = await WithDbAsync(db => db.Set<SigningKey>().Where(k => k.Kid == oldKid).Select(k => k.RetiredAt).SingleAsync());
        var protector = F.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SigningKeyService.Purpose);
        var oldRow = await WithDbAsync(db => db.Set<SigningKey>().SingleAsync(k => k.Kid == oldKid));
        using (var oldKey = ECDsa.Create())
        {
            oldKey.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(oldRow.ProtectedPrivateKey)), out _);
            var late = HealthCodeFormat.Encode(Claims(retiredAt!.Value.AddMinutes(2), TimeSpan.FromMinutes(5)), oldKey, HealthCodeFormat.FromBase64Url(oldKid));
            // Verified at a time when it is not "in the future": let the server check it as of now (iat may be ahead by 2 min).
            var problem = await Http.ProblemAsync(await VerifyAsync(anonymous, late), HttpStatusCode.BadRequest);
            Assert.Equal("retired-key", problem.GetProperty("code").GetString());
        }

        // Once its codes have all expired (plus the grace) the old key leaves the trust list and its codes are unknown.
        await WithDbAsync(async db =>
        {
            var row = await db.Set<SigningKey>().SingleAsync(k => k.Kid == oldKid);
            row.RetiredAt = DateTimeOffset.UtcNow.AddDays(-1);
            return await db.SaveChangesAsync();
        });
        Keys.Invalidate();
        Assert.DoesNotContain(oldKid, Kids(await TrustListAsync(anonymous)));
        Assert.Equal("unknown-kid", (await Http.ProblemAsync(await VerifyAsync(anonymous, oldCode), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
    }
}

public sealed class HealthCodesTestsOnSqlite(SqliteHost host) : HealthCodesTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class HealthCodesTestsOnPostgres(PostgresHost host) : HealthCodesTests(host.Factory), IClassFixture<PostgresHost>;
