using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Venues;

internal sealed record VenueIdentity(Guid Id, string Code);

/// <summary>Stored only as a SHA-256 hash. A host caches a lookup for <see cref="VenuesOptions.VenueKeyCache"/> (no
/// database round trip per scan), so a key stopped on another host stops within that time, on this one at once.</summary>
internal sealed class VenueKeys(IServiceScopeFactory scopes, TimeProvider clock, IOptions<VenuesOptions> options)
{
    public const string Header = "X-Venue-Key";

    private const string KeyPrefix = "vk_";

    // Longer headers are not keys: refused before hashing.
    private const int MaxKeyLength = 100;

    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);

    // Keys looked up in vain (a scanner still sending its replaced key): answered from memory for the same time. A key
    // never turns valid later — new keys are fresh random — so this cannot hide a good key.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknown = new(StringComparer.Ordinal);

    private sealed record Entry(VenueIdentity Venue, DateTimeOffset LoadedAt);

    /// <summary>A fresh key: 256 random bits, base64url, with a prefix that makes it recognisable in a leak scan.</summary>
    public static string NewKey() => KeyPrefix + HealthCodeFormat.Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The first characters, to recognise a key in lists without revealing it.</summary>
    public static string Hint(string key) => key[..Math.Min(key.Length, 10)];

    public async ValueTask<VenueIdentity?> FindAsync(string key, CancellationToken ct)
    {
        if (key.Length is 0 or > MaxKeyLength)
        {
            return null;
        }

        var hash = Kernel.Accounts.ApiKeys.Hash(key);
        var now = clock.GetUtcNow();
        if (_byHash.TryGetValue(hash, out var hit) && now - hit.LoadedAt < options.Value.VenueKeyCache)
        {
            return hit.Venue;
        }

        if (_unknown.TryGetValue(hash, out var missedAt) && now - missedAt < options.Value.VenueKeyCache)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var venue = await db.Set<Venue>().AsNoTracking().Where(v => v.KeyHash == hash && v.Active)
            .Select(v => new VenueIdentity(v.Id, v.Code)).FirstOrDefaultAsync(ct);
        if (venue is null)
        {
            _byHash.TryRemove(hash, out _);
            if (_unknown.Count > 10_000)
            {
                _unknown.Clear();
            }

            _unknown[hash] = now;
            return null;
        }

        if (_byHash.Count > 10_000)
        {
            // Keys rotated away linger until looked up again; sweep the stale ones now and then.
            foreach (var (h, e) in _byHash)
            {
                if (now - e.LoadedAt >= options.Value.VenueKeyCache)
                {
                    _byHash.TryRemove(h, out _);
                }
            }
        }

        _byHash[hash] = new Entry(venue, now);
        return venue;
    }

    /// <summary>Stops a key on this host at once (after a rotation or deactivation committed).</summary>
    public void Forget(string keyHash) => _byHash.TryRemove(keyHash, out _);

    /// <summary>401 without a key or with an unknown one, 403 <c>venue-key-mismatch</c> for another venue's key.</summary>
    public async ValueTask<Result<VenueIdentity>> AuthenticateAsync(HttpRequest request, string code, CancellationToken ct)
    {
        var key = request.Headers[Header].ToString().Trim();
        if (key.Length == 0)
        {
            return new Refusal(StatusCodes.Status401Unauthorized, "venue-key-missing", new Text(typeof(VenuesText), "Refusal_KeyMissing"));
        }

        if (await FindAsync(key, ct) is not { } venue)
        {
            return new Refusal(StatusCodes.Status401Unauthorized, "venue-key-unknown", new Text(typeof(VenuesText), "Refusal_KeyUnknown"));
        }

        if (!string.Equals(venue.Code, code, StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal(StatusCodes.Status403Forbidden, "venue-key-mismatch", new Text(typeof(VenuesText), "Refusal_KeyMismatch"));
        }

        return venue;
    }
}
