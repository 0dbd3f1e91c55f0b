using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>
/// Signatures of screening webhook requests: ECDSA P-256 with SHA-256 over the canonical string
/// <c>timestamp + "." + nonce + "." + body</c> (the body's exact bytes). See docs/screening-webhook.md.
/// </summary>
internal static class ScreeningSignature
{
    public const string SenderHeader = "X-Yiwang-Sender";
    public const string TimestampHeader = "X-Yiwang-Timestamp";
    public const string NonceHeader = "X-Yiwang-Nonce";
    public const string SignatureHeader = "X-Yiwang-Signature";

    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The bytes that are signed: ASCII timestamp, '.', ASCII nonce, '.', then the body as received.</summary>
    public static byte[] Canonical(string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetBytes(timestamp + "." + nonce + ".");
        var bytes = new byte[head.Length + body.Length];
        head.CopyTo(bytes, 0);
        body.CopyTo(bytes.AsSpan(head.Length));
        return bytes;
    }

    /// <summary>
    /// True when <paramref name="signatureBase64"/> (standard or URL-safe base64 of either the 64-byte r‖s form or
    /// the DER form) is the sender's signature of the canonical string.
    /// </summary>
    public static bool Verify(byte[] subjectPublicKeyInfo, string timestamp, string nonce, ReadOnlySpan<byte> body, string signatureBase64)
    {
        if (!TryDecodeBase64(signatureBase64, out var signature) || signature.Length is < 8 or > 80)
        {
            return false;
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var data = Canonical(timestamp, nonce, body);
        var format = signature.Length == 64 ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;
        try
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, format);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Signs like a sender does (tests, the documentation's example): base64 of the 64-byte r‖s form.</summary>
    public static string Sign(ECDsa privateKey, string timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(privateKey.SignData(Canonical(timestamp, nonce, body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>
    /// Reads a public key given as PEM (<c>-----BEGIN PUBLIC KEY-----</c>) or as a JWK (<c>{"kty":"EC","crv":"P-256","x":…,"y":…}</c>)
    /// and returns it as SubjectPublicKeyInfo DER, or null with the reason when it is not an ECDSA P-256 public key.
    /// </summary>
    public static byte[]? ParsePublicKey(string? text, out Text? error)
    {
        error = null;
        var t = (text ?? "").Trim();
        if (t.Length is 0 or > 4000)
        {
            error = FrontlineText.Of("Key_Missing");
            return null;
        }

        using var key = ECDsa.Create();
        try
        {
            if (t.StartsWith('{'))
            {
                if (!TryImportJwk(key, t, out error))
                {
                    return null;
                }
            }
            else if (t.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                error = FrontlineText.Of("Key_Private");
                return null;
            }
            else
            {
                key.ImportFromPem(t);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or JsonException or FormatException)
        {
            error ??= FrontlineText.Of("Key_Unreadable");
            return null;
        }

        var parameters = key.ExportParameters(false);
        if (parameters.Curve.Oid?.Value != P256Oid && parameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256" or "prime256v1"))
        {
            error = FrontlineText.Of("Key_NotP256");
            return null;
        }

        return key.ExportSubjectPublicKeyInfo();
    }

    private static bool TryImportJwk(ECDsa key, string json, out Text? error)
    {
        error = null;
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string? Get(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Get("kty") != "EC" || Get("crv") != "P-256")
        {
            error = FrontlineText.Of("Key_JwkKind");
            return false;
        }

        if (Get("d") is not null)
        {
            error = FrontlineText.Of("Key_JwkPrivate");
            return false;
        }

        var x = Base64Url(Get("x"));
        var y = Base64Url(Get("y"));
        if (x is not { Length: 32 } || y is not { Length: 32 })
        {
            error = FrontlineText.Of("Key_JwkXY");
            return false;
        }

        key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        return true;
    }

    private static byte[]? Base64Url(string? s)
    {
        if (s is null)
        {
            return null;
        }

        return TryDecodeBase64(s, out var bytes) ? bytes : null;
    }

    /// <summary>Standard or URL-safe base64, padded or not.</summary>
    public static bool TryDecodeBase64(string s, out byte[] bytes)
    {
        var t = s.Trim().Replace('-', '+').Replace('_', '/');
        t = (t.Length % 4) switch
        {
            2 => t + "==",
            3 => t + "=",
            _ => t,
        };
        bytes = new byte[t.Length];
        if (t.Length % 4 != 0 || !Convert.TryFromBase64String(t, bytes, out var n))
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..n];
        return true;
    }
}
