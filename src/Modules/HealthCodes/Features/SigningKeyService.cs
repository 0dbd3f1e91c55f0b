using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features;

/// <summary>Keys are cached for <see cref="CacheFor"/>, less than the verifier's skew, so a host that has not yet seen
/// a rotation never signs a code the retired-key rule would refuse.</summary>
internal sealed class SigningKeyService(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<HealthCodesOptions> options, TimeProvider clock) : IDisposable
{
    public const string Purpose = "Yiwang.HealthCodes.SigningKey.v1";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Snapshot? _snapshot;

    internal sealed record IssuedCode(string Qr, HealthCodeClaims Claims, string Kid);

    internal sealed record Snapshot(DateTimeOffset LoadedAt, string ActiveKid, byte[] ActiveKidBytes, ECDsa ActiveKey, IReadOnlyList<SigningKey> All, byte[] SubjectSecret, KeyRing Ring);

    public HealthCodesOptions Options => options.Value;

    /// <summary>Creates the first key when none exists (reference data seeding, and lazily).</summary>
    public async Task EnsureKeyAsync(YiwangDbContext db, CancellationToken ct)
    {
        if (!await db.Set<SigningKey>().AnyAsync(k => k.RetiredAt == null, ct))
        {
            db.Set<SigningKey>().Add(NewKey("system"));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another host created it at the same moment: fine.
                db.ChangeTracker.Clear();
            }
        }

        if (options.Value.SubjectSecret is null && !await db.Set<HealthCodeSecret>().AnyAsync(s => s.Name == "subject", ct))
        {
            db.Set<HealthCodeSecret>().Add(new HealthCodeSecret
            {
                Name = "subject",
                ProtectedValue = _protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private SigningKey NewKey(string by)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        var now = clock.GetUtcNow();
        return new SigningKey
        {
            Kid = HealthCodeFormat.KidText(RandomNumberGenerator.GetBytes(8)),
            X = HealthCodeFormat.Base64Url(p.Q.X),
            Y = HealthCodeFormat.Base64Url(p.Q.Y),
            ProtectedPrivateKey = _protector.Protect(Convert.ToBase64String(key.ExportPkcs8PrivateKey())),
            CreatedAt = now,
            ActivatedAt = now,
            CreatedBy = by,
        };
    }

    /// <summary>Makes a new key active and retires the current one(s); one transaction, audited with the reason.</summary>
    public async Task<(SigningKey Active, IReadOnlyList<string> Retired)> RotateAsync(YiwangDbContext db, string by, string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = await db.Set<SigningKey>().Where(k => k.RetiredAt == null).ToListAsync(ct);
        foreach (var k in current)
        {
            k.RetiredAt = now;
        }

        var fresh = NewKey(by);
        db.Set<SigningKey>().Add(fresh);
        db.Audit(new AuditRecord("healthcodes.key-rotate", nameof(SigningKey), fresh.Kid,
            "retired: " + string.Join(',', current.Select(k => k.Kid)), reason));
        await db.SaveChangesAsync(ct);
        _snapshot = null;
        return (fresh, current.Select(k => k.Kid).ToList());
    }

    /// <summary>The keys to publish now: the active one and retired ones whose codes may still be valid.</summary>
    public async Task<IReadOnlyList<SigningKey>> PublishedAsync(CancellationToken ct) => Published((await LoadAsync(ct)).All);

    private List<SigningKey> Published(IEnumerable<SigningKey> all)
    {
        var now = clock.GetUtcNow();
        return all.Where(k => k.RetiredAt is null || options.Value.PublishedUntil(k.RetiredAt.Value) > now)
            .OrderBy(k => k.RetiredAt.HasValue).ThenByDescending(k => k.ActivatedAt).ToList();
    }

    public async Task<string> IssueAsync(CodeColour colour, Guid personId, string? rule, CancellationToken ct) =>
        (await IssueCodeAsync(colour, personId, rule, ct)).Qr;

    public async Task<IssuedCode> IssueCodeAsync(CodeColour colour, Guid personId, string? rule, CancellationToken ct)
    {
        var s = await LoadAsync(ct);
        var now = clock.GetUtcNow();
        var iat = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var claims = new HealthCodeClaims(options.Value.Issuer, iat, iat + options.Value.CodeLifetime, colour,
            HealthCodeFormat.SubjectToken(s.SubjectSecret, personId), rule);
        return new IssuedCode(HealthCodeFormat.Encode(claims, s.ActiveKey, s.ActiveKidBytes), claims, s.ActiveKid);
    }

    public async Task<VerifyResult> VerifyAsync(string? qr, CancellationToken ct)
    {
        var ring = await KeyRingAsync(ct);
        var now = clock.GetUtcNow();
        return HealthCodeFormat.Verify(qr, kid => ring.PublishedAt(kid, now), now);
    }

    /// <summary>Every known public key, imported once per snapshot (verifiers of many codes look keys up here).</summary>
    public async ValueTask<KeyRing> KeyRingAsync(CancellationToken ct) => (await LoadAsync(ct)).Ring;

    public static TrustedKey ToTrusted(SigningKey k) => new(k.Kid, new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = HealthCodeFormat.FromBase64Url(k.X), Y = HealthCodeFormat.FromBase64Url(k.Y) },
    }, k.RetiredAt);

    public void Dispose()
    {
        _lock.Dispose();
        _snapshot?.ActiveKey.Dispose();
    }

    /// <summary>Drops the cache (after a rotation made elsewhere, and in tests).</summary>
    public void Invalidate() => _snapshot = null;

    private async ValueTask<Snapshot> LoadAsync(CancellationToken ct)
    {
        if (_snapshot is { } cached && clock.GetUtcNow() - cached.LoadedAt < CacheFor)
        {
            return cached;
        }

        await _lock.WaitAsync(ct);
        try
        {
            if (_snapshot is { } again && clock.GetUtcNow() - again.LoadedAt < CacheFor)
            {
                return again;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var all = await db.Set<SigningKey>().AsNoTracking().ToListAsync(ct);
            var active = all.Where(k => k.RetiredAt == null).OrderByDescending(k => k.ActivatedAt).FirstOrDefault();
            var secretRow = await db.Set<HealthCodeSecret>().AsNoTracking().FirstOrDefaultAsync(x => x.Name == "subject", ct);
            if (active is null || (secretRow is null && options.Value.SubjectSecret is null))
            {
                await EnsureKeyAsync(db, ct);
                all = await db.Set<SigningKey>().AsNoTracking().ToListAsync(ct);
                active = all.Where(k => k.RetiredAt == null).OrderByDescending(k => k.ActivatedAt).First();
                secretRow = await db.Set<HealthCodeSecret>().AsNoTracking().FirstOrDefaultAsync(x => x.Name == "subject", ct);
            }

            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(active.ProtectedPrivateKey)), out _);
            var secret = options.Value.SubjectSecret is { } configured
                ? Convert.FromBase64String(configured)
                : Convert.FromBase64String(_protector.Unprotect(secretRow!.ProtectedValue));
            if (secret.Length < 32)
            {
                throw new InvalidOperationException("Yiwang:HealthCodes:SubjectSecret must be at least 32 bytes (base64).");
            }

            _snapshot = new Snapshot(clock.GetUtcNow(), active.Kid, HealthCodeFormat.FromBase64Url(active.Kid), key, all, secret,
                new KeyRing(all.ToDictionary(k => k.Kid, ToTrusted), options.Value));
            return _snapshot;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The trust list document (a JWK Set).</summary>
    public static string TrustListJson(IEnumerable<SigningKey> keys)
    {
        var sb = new StringBuilder("{\"keys\":[");
        var first = true;
        foreach (var k in keys)
        {
            sb.Append(first ? "" : ",");
            first = false;
            sb.Append("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"").Append(k.X).Append("\",\"y\":\"").Append(k.Y)
                .Append("\",\"kid\":\"").Append(k.Kid).Append("\",\"use\":\"sig\",\"alg\":\"ES256\"");
            if (k.RetiredAt is { } r)
            {
                sb.Append(",\"yw_retired\":").Append(r.ToUnixTimeSeconds());
            }

            sb.Append('}');
        }

        return sb.Append("]}").ToString();
    }
}

/// <summary>Each key imported once; trusted at a moment while published then (active, or retired less than
/// <see cref="HealthCodesOptions.PublishedUntil"/> before).</summary>
internal sealed class KeyRing(IReadOnlyDictionary<string, TrustedKey> keys, HealthCodesOptions options)
{
    public TrustedKey? PublishedAt(string kid, DateTimeOffset at) =>
        keys.TryGetValue(kid, out var k) && (k.RetiredAt is not { } retired || options.PublishedUntil(retired) > at) ? k : null;
}
