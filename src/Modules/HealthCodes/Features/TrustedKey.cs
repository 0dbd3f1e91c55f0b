using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;

namespace Yiwang.HealthCodes.Features;

/// <summary>A public key a verifier trusts, with the time it was retired (if it was).</summary>
internal sealed record TrustedKey(string Kid, ECParameters PublicKey, DateTimeOffset? RetiredAt = null)
{
    // Importing a public key checks the point and costs about twice the verification itself, so each TrustedKey keeps
    // the keys it imported for reuse: one per verifier running at the same time (an ECDsa is not shared across threads).
    private readonly ConcurrentBag<ECDsa> _imported = [];

    // A copy ("with") may carry another public key: it starts with its own, empty, pool.
    private TrustedKey(TrustedKey original)
    {
        Kid = original.Kid;
        PublicKey = original.PublicKey;
        RetiredAt = original.RetiredAt;
        _imported = [];
    }

    public bool VerifySignature(CoseSign1Message message)
    {
        if (!_imported.TryTake(out var key))
        {
            key = ECDsa.Create(PublicKey);
        }

        try
        {
            return message.VerifyEmbedded(key);
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            _imported.Add(key);
        }
    }

    public bool Equals(TrustedKey? other) =>
        other is not null && Kid == other.Kid && RetiredAt == other.RetiredAt
        && PublicKey.Q.X.AsSpan().SequenceEqual(other.PublicKey.Q.X) && PublicKey.Q.Y.AsSpan().SequenceEqual(other.PublicKey.Q.Y);

    public override int GetHashCode() => HashCode.Combine(Kid, RetiredAt);
}
