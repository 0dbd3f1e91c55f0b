using System.Formats.Cbor;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text;
using SimpleBase;

namespace Yiwang.HealthCodes.Features;

/// <summary>
/// The health-code pipeline, encode and verify: <c>YW1:</c> + Base45( zlib( COSE_Sign1( ES256, CBOR claims ) ) ).
/// Pure code, no database: the server, the benchmarks and an offline verifier's port use the same rules.
/// </summary>
internal static class HealthCodeFormat
{
    public const string Prefix = "YW1:";

    public const int MaxQrLength = 2048;

    /// <summary>Largest COSE message accepted after inflating (bytes); inflating stops as soon as it is exceeded.</summary>
    public const int MaxInflatedBytes = 4096;

    /// <summary>How far in the future iat may be (clock skew between issuer and verifier).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    public const int Es256 = -7;

    // CWT claim keys (RFC 8392) as the EU DCC uses them, and our private claims under the text key "yw".
    public const int ClaimIss = 1;
    public const int ClaimExp = 4;
    public const int ClaimIat = 6;
    public const string ClaimPrivate = "yw";
    public const string ClaimColour = "c";
    public const string ClaimSubject = "s";
    public const string ClaimRule = "r";

    /// <summary>Refusal reason codes (stable; documented).</summary>
    internal static class Reasons
    {
        public const string WrongPrefix = "wrong-prefix";
        public const string TooLarge = "too-large";
        public const string NotBase45 = "not-base45";
        public const string NotZlib = "not-zlib";
        public const string InflatedTooLarge = "inflated-too-large";
        public const string NotCose = "not-cose";
        public const string WrongAlgorithm = "wrong-alg";
        public const string MissingKid = "missing-kid";
        public const string UnknownKid = "unknown-kid";
        public const string BadSignature = "bad-signature";
        public const string MalformedClaims = "malformed-claims";
        public const string MissingClaims = "missing-claims";
        public const string RetiredKey = "retired-key";
        public const string NotYetValid = "not-yet-valid";
        public const string Expired = "expired";
    }

    public static string ColourName(CodeColour c) => c switch
    {
        CodeColour.Green => "green",
        CodeColour.Yellow => "yellow",
        _ => "red",
    };

    public static string KidText(ReadOnlySpan<byte> kid) => Base64Url(kid);

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    public static byte[] EncodeClaims(HealthCodeClaims claims)
    {
        var w = new CborWriter(CborConformanceMode.Canonical);
        w.WriteStartMap(4);
        w.WriteInt32(ClaimIss);
        w.WriteTextString(claims.Issuer);
        w.WriteInt32(ClaimExp);
        w.WriteInt64(claims.ExpiresAt.ToUnixTimeSeconds());
        w.WriteInt32(ClaimIat);
        w.WriteInt64(claims.IssuedAt.ToUnixTimeSeconds());
        w.WriteTextString(ClaimPrivate);
        w.WriteStartMap(claims.Rule is null ? 2 : 3);
        w.WriteTextString(ClaimColour);
        w.WriteTextString(ColourName(claims.Colour));
        if (claims.Rule is not null)
        {
            w.WriteTextString(ClaimRule);
            w.WriteTextString(claims.Rule);
        }

        w.WriteTextString(ClaimSubject);
        w.WriteTextString(claims.Subject);
        w.WriteEndMap();
        w.WriteEndMap();
        return w.Encode();
    }

    public static string Encode(HealthCodeClaims claims, ECDsa key, ReadOnlySpan<byte> kid)
    {
        var headers = new CoseHeaderMap { [CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(kid) };
        var signer = new CoseSigner(key, HashAlgorithmName.SHA256, headers);
        return Wrap(CoseSign1Message.SignEmbedded(EncodeClaims(claims), signer));
    }

    /// <summary>The outer layers: zlib, Base45, prefix (used by tests to wrap hand-made COSE messages too).</summary>
    public static string Wrap(byte[] cose)
    {
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(cose);
        }

        return Prefix + Base45.Default.Encode(buffer.ToArray());
    }

    /// <summary>Verifies a QR text at a given time against the trusted keys; never throws on bad input.</summary>
    public static VerifyResult Verify(string? qr, Func<string, TrustedKey?> findKey, DateTimeOffset now)
    {
        var result = VerifySigned(qr, findKey);
        if (result.Claims is not { } claims)
        {
            return result;
        }

        if (claims.IssuedAt > now + Skew)
        {
            return Refuse(Reasons.NotYetValid, result.Kid);
        }

        if (now >= claims.ExpiresAt)
        {
            return Refuse(Reasons.Expired, result.Kid);
        }

        return result;
    }

    /// <summary>Every check but the time of use: for a scan read earlier (a venue's queued upload) the caller checks
    /// validity at the time of the scan.</summary>
    public static VerifyResult VerifySigned(string? qr, Func<string, TrustedKey?> findKey)
    {
        if (qr is null || !qr.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Refuse(Reasons.WrongPrefix);
        }

        if (qr.Length > MaxQrLength)
        {
            return Refuse(Reasons.TooLarge);
        }

        byte[] compressed;
        try
        {
            compressed = Base45.Default.Decode(qr.AsSpan(Prefix.Length));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            return Refuse(Reasons.NotBase45);
        }

        var buffer = _inflated ??= new byte[MaxInflatedBytes + 1];
        var length = InflateInto(compressed, buffer, out var inflateError);
        if (inflateError is not null)
        {
            return Refuse(inflateError);
        }

        CoseSign1Message message;
        try
        {
            message = CoseMessage.DecodeSign1(buffer.AsSpan(0, length));
        }
        catch (Exception e) when (e is CryptographicException or CborContentException or InvalidOperationException or ArgumentException)
        {
            return Refuse(Reasons.NotCose);
        }

        if (message.Content is null)
        {
            return Refuse(Reasons.NotCose);
        }

        try
        {
            if (!message.ProtectedHeaders.TryGetValue(CoseHeaderLabel.Algorithm, out var alg) || alg.GetValueAsInt32() != Es256)
            {
                return Refuse(Reasons.WrongAlgorithm);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or CborContentException)
        {
            return Refuse(Reasons.WrongAlgorithm);
        }

        string kid;
        try
        {
            if (!message.ProtectedHeaders.TryGetValue(CoseHeaderLabel.KeyIdentifier, out var kidValue))
            {
                return Refuse(Reasons.MissingKid);
            }

            kid = KidText(kidValue.GetValueAsBytes());
        }
        catch (Exception e) when (e is InvalidOperationException or CborContentException)
        {
            return Refuse(Reasons.MissingKid);
        }

        if (findKey(kid) is not { } trusted)
        {
            return Refuse(Reasons.UnknownKid, kid);
        }

        if (!trusted.VerifySignature(message))
        {
            return Refuse(Reasons.BadSignature, kid);
        }

        var (claims, claimsError) = DecodeClaims(message.Content.Value);
        if (claims is null)
        {
            return Refuse(claimsError!, kid);
        }

        if (trusted.RetiredAt is { } retired && claims.IssuedAt > retired + Skew)
        {
            return Refuse(Reasons.RetiredKey, kid);
        }

        return new VerifyResult(claims, null, kid);
    }

    private static VerifyResult Refuse(string reason, string? kid = null) => new(null, reason, kid);

    /// <summary>Inflates with a hard cap: reading stops one byte past the cap, so a bomb costs at most that much.</summary>
    internal static byte[]? Inflate(byte[] compressed, out string? error)
    {
        var output = new byte[MaxInflatedBytes + 1];
        var total = InflateInto(compressed, output, out error);
        return error is null ? output.AsSpan(0, total).ToArray() : null;
    }

    // A verifier thread's inflate buffer: the COSE message is decoded from it (and copies what it keeps), so the hot
    // path allocates no 4 KiB array per code.
    [ThreadStatic]
    private static byte[]? _inflated;

    private static int InflateInto(byte[] compressed, byte[] output, out string? error)
    {
        error = null;
        var total = 0;
        try
        {
            using var z = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            int n;
            while (total < MaxInflatedBytes + 1 && (n = z.Read(output, total, MaxInflatedBytes + 1 - total)) > 0)
            {
                total += n;
            }
        }
        catch (InvalidDataException)
        {
            error = Reasons.NotZlib;
            return 0;
        }

        if (total > MaxInflatedBytes)
        {
            error = Reasons.InflatedTooLarge;
            return 0;
        }

        if (total == 0)
        {
            error = Reasons.NotZlib;
        }

        return total;
    }

    /// <summary>Reads the claims map; unknown keys are ignored, the required ones must be there with their types.</summary>
    internal static (HealthCodeClaims? Claims, string? Error) DecodeClaims(ReadOnlyMemory<byte> cbor)
    {
        string? iss = null, colour = null, subject = null, rule = null;
        long? iat = null, exp = null;
        try
        {
            var r = new CborReader(cbor, CborConformanceMode.Strict);
            var n = r.ReadStartMap();
            for (var i = 0; n is null ? r.PeekState() != CborReaderState.EndMap : i < n; i++)
            {
                if (r.PeekState() == CborReaderState.TextString)
                {
                    var name = r.ReadTextString();
                    if (name == ClaimPrivate && r.PeekState() == CborReaderState.StartMap)
                    {
                        var m = r.ReadStartMap();
                        for (var j = 0; m is null ? r.PeekState() != CborReaderState.EndMap : j < m; j++)
                        {
                            var inner = r.PeekState() == CborReaderState.TextString ? r.ReadTextString() : null;
                            if (inner is null)
                            {
                                r.SkipValue();
                                r.SkipValue();
                                continue;
                            }

                            var textValue = r.PeekState() == CborReaderState.TextString ? r.ReadTextString() : null;
                            if (textValue is null)
                            {
                                r.SkipValue();
                            }

                            switch (inner)
                            {
                                case ClaimColour: colour = textValue; break;
                                case ClaimSubject: subject = textValue; break;
                                case ClaimRule: rule = textValue; break;
                            }
                        }

                        r.ReadEndMap();
                    }
                    else
                    {
                        r.SkipValue();
                    }

                    continue;
                }

                if (r.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
                {
                    r.SkipValue();
                    r.SkipValue();
                    continue;
                }

                var key = r.ReadInt64();
                switch (key)
                {
                    case ClaimIss when r.PeekState() == CborReaderState.TextString: iss = r.ReadTextString(); break;
                    case ClaimIat when r.PeekState() is CborReaderState.UnsignedInteger: iat = r.ReadInt64(); break;
                    case ClaimExp when r.PeekState() is CborReaderState.UnsignedInteger: exp = r.ReadInt64(); break;
                    default: r.SkipValue(); break;
                }
            }

            r.ReadEndMap();
            if (r.BytesRemaining != 0)
            {
                return (null, Reasons.MalformedClaims);
            }
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or DecoderFallbackException)
        {
            return (null, Reasons.MalformedClaims);
        }

        if (iss is null || iat is null || exp is null || colour is null || string.IsNullOrEmpty(subject))
        {
            return (null, Reasons.MissingClaims);
        }

        CodeColour? parsed = colour switch
        {
            "green" => CodeColour.Green,
            "yellow" => CodeColour.Yellow,
            "red" => CodeColour.Red,
            _ => null,
        };
        if (parsed is null || iat > 253402300799 || exp > 253402300799)
        {
            return (null, Reasons.MalformedClaims);
        }

        return (new HealthCodeClaims(iss, DateTimeOffset.FromUnixTimeSeconds(iat.Value), DateTimeOffset.FromUnixTimeSeconds(exp.Value), parsed.Value, subject, rule), null);
    }

    /// <summary>The pseudonymous subject: HMAC-SHA256(secret, person id as 16 bytes, RFC 4122 order), base64url.</summary>
    public static string SubjectToken(ReadOnlySpan<byte> secret, Guid personId)
    {
        Span<byte> id = stackalloc byte[16];
        personId.TryWriteBytes(id, bigEndian: true, out _);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, id, mac);
        return Base64Url(mac);
    }
}
