using System.Formats.Cbor;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text;
using SimpleBase;
using Xunit.Abstractions;
using Yiwang.HealthCodes.Features;
using R = Yiwang.HealthCodes.Features.HealthCodeFormat.Reasons;

namespace Yiwang.UnitTests.HealthCodes;

/// <summary>The YW1 pipeline: round trip, every refusal, and the test vectors of docs/health-code-format.md.</summary>
public sealed class HealthCodeFormatTests(ITestOutputHelper output)
{
    // ---- The documented test vector (docs/health-code-format.md, "Test vectors"). ----
    internal const string VectorD = "_FemdEd8Hyi-XHFfvetoSmyYhi6Le-6_EWTVhsXhKdk";
    internal const string VectorX = "CGZyLKJzoijyyzuIOETZKFIJQ5PVQBZiq5DlsZ5nAu8";
    internal const string VectorY = "l6yI6lmKVtwBYfdZQdXKxXFTVriCstbSYLT1TRTbwhk";
    internal const string VectorKid = "WVcxLXRlc3Q"; // the 8 ASCII bytes "YW1-test"
    internal static readonly DateTimeOffset VectorIat = DateTimeOffset.Parse("2026-11-27T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    internal static readonly DateTimeOffset VectorVerifyAt = VectorIat.AddMinutes(1);
    internal static readonly byte[] VectorSecret = Encoding.ASCII.GetBytes("yiwang-test-vector-subject-secret");
    internal static readonly Guid VectorPerson = Guid.Parse("00000000-0000-0000-0000-000000000001");
    internal const string VectorSubject = "NKIKaXSQ_Rt5n8s8AmE2pKXaNUdHPyH8mAy0K7mfltI";
    internal const string VectorToken = "YW1:NCFX90S10FFWTWGSLKC 4Q6911BQX56$CLXEZ7B0XK$DDX*9.Q6746/96FN0+NDKJPWY0+NDZCP9KCR5F1ECXPC  CGECD$D*VDLQE9X5-3E3WEZPCHECS8FI+9/B9ZDC:NAC2C4VE1.DLPE9C8TX8$8EZ7BS+9MUC 7A%59O DJEF+M9G$D:VDBC9C48*GU813Y+LWSHV/N6N59CH+ZI0GA$XC4:P26H-79I.C2W0VQJ+P9D1QV%5S40KLPJF8PU0DRO5.FSIGE0PI.L QH .023AN-A35TA0";
    internal const string VectorTampered = "YW1:NCFZ90Q10FFWTWGSLKC 4Q6911BQX56$CLXE$7B0XK$DDX*9.Q6746/96FN0+NDKJPWY0+NDZCP9KCR5F1EC* CZKE1$CGECD$D*VDLQE9X5-3E3WEZPCHECS8FI+9/B9ZDC:NAC2C4VE1.DLPE9C8TX8$8EZ7BS+9MUC 7A%59O DJEF+M9G$D:VDBC9C48*GU813Y+LWSHV/N6N59CH+ZI0GA$XC4:P26H-79I.C2W0VQJ+P9D1QV%5S40KLPJF8PU0DRO5.FSIGE0PI.L QH .023AY:A7KE35";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static ECParameters Public(string x, string y) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = HealthCodeFormat.FromBase64Url(x), Y = HealthCodeFormat.FromBase64Url(y) },
    };

    private static ECDsa VectorKey() => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = HealthCodeFormat.FromBase64Url(VectorD),
        Q = Public(VectorX, VectorY).Q,
    });

    private static HealthCodeClaims VectorClaims() =>
        new("CN-420116", VectorIat, VectorIat.AddMinutes(5), CodeColour.Red, HealthCodeFormat.SubjectToken(VectorSecret, VectorPerson), "close-contact");

    private sealed class Issuer : IDisposable
    {
        public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        public byte[] KidBytes { get; } = RandomNumberGenerator.GetBytes(8);
        public string Kid => HealthCodeFormat.KidText(KidBytes);
        public DateTimeOffset? RetiredAt { get; init; }

        public TrustedKey Trusted => new(Kid, Key.ExportParameters(false), RetiredAt);

        public string Sign(HealthCodeClaims claims) => HealthCodeFormat.Encode(claims, Key, KidBytes);

        public void Dispose() => Key.Dispose();
    }

    private static HealthCodeClaims Claims(DateTimeOffset iat, TimeSpan? life = null, CodeColour colour = CodeColour.Green) =>
        new("CN-420116", iat, iat + (life ?? TimeSpan.FromMinutes(5)), colour, HealthCodeFormat.SubjectToken(new byte[32], Guid.NewGuid()));

    private static VerifyResult Verify(string qr, DateTimeOffset at, params Issuer[] trusted) =>
        HealthCodeFormat.Verify(qr, kid => trusted.FirstOrDefault(t => t.Kid == kid)?.Trusted, at);

    private static string Refusal(string qr, DateTimeOffset at, params Issuer[] trusted)
    {
        var r = Verify(qr, at, trusted);
        Assert.False(r.Valid);
        return r.Reason!;
    }

    private static string Zlib(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(data);
        }

        return HealthCodeFormat.Prefix + Base45.Default.Encode(buffer.ToArray());
    }

    private static byte[] CoseOf(string qr)
    {
        var compressed = Base45.Default.Decode(qr.AsSpan(HealthCodeFormat.Prefix.Length));
        return HealthCodeFormat.Inflate(compressed, out _)!;
    }

    /// <summary>Rebuilds a COSE_Sign1 with the original protected header and signature around another payload.</summary>
    private static string SwapPayload(string qr, byte[] payload)
    {
        var original = CoseMessage.DecodeSign1(CoseOf(qr));
        var w = new CborWriter();
        w.WriteTag((CborTag)18);
        w.WriteStartArray(4);
        w.WriteByteString(original.RawProtectedHeaders.Span);
        w.WriteStartMap(0);
        w.WriteEndMap();
        w.WriteByteString(payload);
        w.WriteByteString(original.Signature.Span);
        w.WriteEndArray();
        return HealthCodeFormat.Wrap(w.Encode());
    }

    [Fact]
    public void A_signed_code_round_trips_with_its_claims()
    {
        using var issuer = new Issuer();
        var claims = Claims(Now, colour: CodeColour.Yellow) with { Rule = "travel-7d" };
        var qr = issuer.Sign(claims);
        Assert.StartsWith("YW1:", qr, StringComparison.Ordinal);
        Assert.True(qr.Length < 400, $"QR text is {qr.Length} characters");
        Assert.Matches("^YW1:[0-9A-Z $%*+\\-./:]+$", qr);

        var r = Verify(qr, Now.AddMinutes(1), issuer);
        Assert.True(r.Valid, r.Reason);
        Assert.Equal(claims, r.Claims);
        Assert.Equal(issuer.Kid, r.Kid);
    }

    [Fact]
    public void An_untagged_cose_sign1_verifies_too()
    {
        using var issuer = new Issuer();
        var cose = CoseOf(issuer.Sign(Claims(Now)));
        Assert.Equal(0xD2, cose[0]);
        Assert.True(Verify(HealthCodeFormat.Wrap(cose[1..]), Now, issuer).Valid);
    }

    [Fact]
    public void Wrong_prefix_is_refused()
    {
        using var issuer = new Issuer();
        var qr = issuer.Sign(Claims(Now));
        Assert.Equal(R.WrongPrefix, Refusal("HC1:" + qr[4..], Now, issuer));
        Assert.Equal(R.WrongPrefix, Refusal("yw1:" + qr[4..], Now, issuer));
        Assert.Equal(R.WrongPrefix, Refusal("", Now, issuer));
        Assert.Equal(R.WrongPrefix, HealthCodeFormat.Verify(null, _ => null, Now).Reason);
    }

    [Fact]
    public void Garbage_is_refused_at_the_layer_it_breaks()
    {
        using var issuer = new Issuer();
        Assert.Equal(R.NotBase45, Refusal("YW1:hello world", Now, issuer));
        Assert.Equal(R.NotBase45, Refusal("YW1:::::", Now, issuer));
        Assert.Equal(R.NotBase45, Refusal("YW1:A", Now, issuer));
        Assert.Equal(R.NotZlib, Refusal(HealthCodeFormat.Prefix + Base45.Default.Encode(Encoding.ASCII.GetBytes("not zlib at all")), Now, issuer));
        Assert.Equal(R.NotZlib, Refusal("YW1:", Now, issuer));
        Assert.Equal(R.NotCose, Refusal(Zlib(Encoding.ASCII.GetBytes("plain text inside zlib")), Now, issuer));
        var w = new CborWriter();
        w.WriteStartArray(2);
        w.WriteInt32(1);
        w.WriteInt32(2);
        w.WriteEndArray();
        Assert.Equal(R.NotCose, Refusal(Zlib(w.Encode()), Now, issuer));
    }

    [Fact]
    public void Oversized_qr_text_is_refused_before_decoding()
    {
        using var issuer = new Issuer();
        var qr = issuer.Sign(Claims(Now));
        Assert.Equal(R.TooLarge, Refusal(qr + new string('0', HealthCodeFormat.MaxQrLength), Now, issuer));
        Assert.Equal(R.TooLarge, Refusal("YW1:" + new string('A', 100_000), Now, issuer));
    }

    [Fact]
    public void A_zlib_bomb_is_refused_without_inflating_it_fully()
    {
        using var issuer = new Issuer();
        // 1 MB of zeros compresses to about 1 KB: a small QR text that would inflate 256 times past the cap.
        var qr = Zlib(new byte[1024 * 1024]);
        Assert.True(qr.Length <= HealthCodeFormat.MaxQrLength, $"{qr.Length}");
        Assert.Equal(R.InflatedTooLarge, Refusal(qr, Now, issuer));
        // Just past the cap is refused too; exactly at the cap gets through to the COSE layer.
        Assert.Equal(R.InflatedTooLarge, Refusal(Zlib(new byte[HealthCodeFormat.MaxInflatedBytes + 1]), Now, issuer));
        Assert.Equal(R.NotCose, Refusal(Zlib(new byte[HealthCodeFormat.MaxInflatedBytes]), Now, issuer));
    }

    [Fact]
    public void A_code_signed_with_another_algorithm_is_refused()
    {
        using var issuer = new Issuer();
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var headers = new CoseHeaderMap { [CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(issuer.KidBytes) };
        var cose = CoseSign1Message.SignEmbedded(HealthCodeFormat.EncodeClaims(Claims(Now)), new CoseSigner(p384, HashAlgorithmName.SHA384, headers));
        Assert.Equal(R.WrongAlgorithm, Refusal(HealthCodeFormat.Wrap(cose), Now, issuer));
    }

    [Fact]
    public void A_code_without_kid_or_with_an_unknown_kid_is_refused()
    {
        using var issuer = new Issuer();
        using var stranger = new Issuer();
        var cose = CoseSign1Message.SignEmbedded(HealthCodeFormat.EncodeClaims(Claims(Now)), new CoseSigner(issuer.Key, HashAlgorithmName.SHA256));
        Assert.Equal(R.MissingKid, Refusal(HealthCodeFormat.Wrap(cose), Now, issuer));
        var r = Verify(stranger.Sign(Claims(Now)), Now, issuer);
        Assert.Equal(R.UnknownKid, r.Reason);
        Assert.Equal(stranger.Kid, r.Kid);
    }

    [Fact]
    public void A_code_signed_by_another_key_under_a_trusted_kid_is_refused()
    {
        using var issuer = new Issuer();
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(R.BadSignature, Refusal(HealthCodeFormat.Encode(Claims(Now), forger, issuer.KidBytes), Now, issuer));
    }

    [Fact]
    public void A_tampered_payload_is_refused()
    {
        using var issuer = new Issuer();
        var red = Claims(Now, colour: CodeColour.Red);
        var qr = issuer.Sign(red);
        // Red turned green, signature kept.
        Assert.Equal(R.BadSignature, Refusal(SwapPayload(qr, HealthCodeFormat.EncodeClaims(red with { Colour = CodeColour.Green })), Now, issuer));
        // Expiry pushed out by a day.
        Assert.Equal(R.BadSignature, Refusal(SwapPayload(qr, HealthCodeFormat.EncodeClaims(red with { ExpiresAt = red.ExpiresAt.AddDays(1) })), Now, issuer));
        // One byte of the signature flipped.
        var cose = CoseOf(qr);
        cose[^1] ^= 0x01;
        Assert.Equal(R.BadSignature, Refusal(HealthCodeFormat.Wrap(cose), Now, issuer));
    }

    [Fact]
    public void Expired_and_future_codes_are_refused()
    {
        using var issuer = new Issuer();
        var qr = issuer.Sign(Claims(Now, TimeSpan.FromMinutes(5)));
        Assert.True(Verify(qr, Now.AddMinutes(5).AddSeconds(-1), issuer).Valid);
        Assert.Equal(R.Expired, Refusal(qr, Now.AddMinutes(5), issuer));
        Assert.Equal(R.Expired, Refusal(qr, Now.AddDays(3), issuer));
        // Issued 30 s "in the future" is clock skew and accepted; two minutes is not.
        Assert.True(Verify(qr, Now.AddSeconds(-30), issuer).Valid);
        Assert.Equal(R.NotYetValid, Refusal(qr, Now.AddMinutes(-2), issuer));
    }

    [Fact]
    public void A_retired_key_verifies_codes_issued_before_its_retirement_only()
    {
        using var live = new Issuer();
        using var retired = new Issuer { RetiredAt = Now };
        // Use the same key material for both views of the key: sign while active, verify after retirement.
        var before = HealthCodeFormat.Encode(Claims(Now.AddMinutes(-1)), live.Key, live.KidBytes);
        var after = HealthCodeFormat.Encode(Claims(Now.AddMinutes(2)), live.Key, live.KidBytes);
        TrustedKey Retired(string kid) => kid == live.Kid ? live.Trusted with { RetiredAt = Now } : null!;
        Assert.True(HealthCodeFormat.Verify(before, Retired, Now.AddMinutes(2)).Valid);
        Assert.Equal(R.RetiredKey, HealthCodeFormat.Verify(after, Retired, Now.AddMinutes(3)).Reason);
        // Within the skew after retirement (a host that has not yet seen the rotation) is still accepted.
        var justAfter = HealthCodeFormat.Encode(Claims(Now.AddSeconds(30)), live.Key, live.KidBytes);
        Assert.True(HealthCodeFormat.Verify(justAfter, Retired, Now.AddMinutes(1)).Valid);
        Assert.NotNull(retired.RetiredAt);
    }

    [Fact]
    public void Missing_or_malformed_claims_are_refused()
    {
        using var issuer = new Issuer();
        string SignRaw(Action<CborWriter> write)
        {
            var w = new CborWriter();
            write(w);
            var headers = new CoseHeaderMap { [CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(issuer.KidBytes) };
            return HealthCodeFormat.Wrap(CoseSign1Message.SignEmbedded(w.Encode(), new CoseSigner(issuer.Key, HashAlgorithmName.SHA256, headers)));
        }

        var iat = Now.ToUnixTimeSeconds();
        // No subject.
        Assert.Equal(R.MissingClaims, Refusal(SignRaw(w =>
        {
            w.WriteStartMap(4);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(4); w.WriteInt64(iat + 300);
            w.WriteInt32(6); w.WriteInt64(iat);
            w.WriteTextString("yw"); w.WriteStartMap(1); w.WriteTextString("c"); w.WriteTextString("green"); w.WriteEndMap();
            w.WriteEndMap();
        }), Now, issuer));
        // No expiry.
        Assert.Equal(R.MissingClaims, Refusal(SignRaw(w =>
        {
            w.WriteStartMap(3);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(6); w.WriteInt64(iat);
            w.WriteTextString("yw"); w.WriteStartMap(2); w.WriteTextString("c"); w.WriteTextString("green"); w.WriteTextString("s"); w.WriteTextString("abc"); w.WriteEndMap();
            w.WriteEndMap();
        }), Now, issuer));
        // An unknown colour.
        Assert.Equal(R.MalformedClaims, Refusal(SignRaw(w =>
        {
            w.WriteStartMap(4);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(4); w.WriteInt64(iat + 300);
            w.WriteInt32(6); w.WriteInt64(iat);
            w.WriteTextString("yw"); w.WriteStartMap(2); w.WriteTextString("c"); w.WriteTextString("purple"); w.WriteTextString("s"); w.WriteTextString("abc"); w.WriteEndMap();
            w.WriteEndMap();
        }), Now, issuer));
        // Not a map at all.
        Assert.Equal(R.MalformedClaims, Refusal(SignRaw(w => w.WriteTextString("green")), Now, issuer));
    }

    [Fact]
    public void The_subject_token_is_a_stable_pseudonym_that_reveals_nothing()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var person = Guid.NewGuid();
        var token = HealthCodeFormat.SubjectToken(secret, person);
        Assert.Equal(token, HealthCodeFormat.SubjectToken(secret, person));
        Assert.NotEqual(token, HealthCodeFormat.SubjectToken(secret, Guid.NewGuid()));
        Assert.NotEqual(token, HealthCodeFormat.SubjectToken(RandomNumberGenerator.GetBytes(32), person));
        Assert.Equal(43, token.Length);
        Assert.DoesNotContain(person.ToString("N")[..8], token, StringComparison.OrdinalIgnoreCase);
    }

    // ---- Test vectors ----

    private static TrustedKey? VectorTrust(string kid) => kid == VectorKid ? new TrustedKey(VectorKid, Public(VectorX, VectorY)) : null;

    [Fact]
    public void The_documented_token_verifies_with_the_documented_key_at_the_documented_time()
    {
        var r = HealthCodeFormat.Verify(VectorToken, VectorTrust, VectorVerifyAt);
        Assert.True(r.Valid, r.Reason);
        Assert.Equal(VectorKid, r.Kid);
        Assert.Equal(VectorClaims(), r.Claims);
        Assert.Equal(VectorSubject, r.Claims!.Subject);
        Assert.Equal(R.Expired, HealthCodeFormat.Verify(VectorToken, VectorTrust, VectorIat.AddMinutes(5)).Reason);
        Assert.Equal(R.UnknownKid, HealthCodeFormat.Verify(VectorToken, _ => null, VectorVerifyAt).Reason);
    }

    [Fact]
    public void The_documented_tampered_token_fails()
    {
        Assert.Equal(R.BadSignature, HealthCodeFormat.Verify(VectorTampered, VectorTrust, VectorVerifyAt).Reason);
    }

    /// <summary>Generates the vectors (ECDSA signatures are randomised: each run prints a different, equally valid token).</summary>
    [Fact]
    public void Vector_generator_produces_tokens_that_verify()
    {
        using var key = VectorKey();
        var claims = VectorClaims();
        var token = HealthCodeFormat.Encode(claims, key, HealthCodeFormat.FromBase64Url(VectorKid));
        var tampered = SwapPayload(token, HealthCodeFormat.EncodeClaims(claims with { Colour = CodeColour.Green }));
        output.WriteLine("subject  " + claims.Subject);
        output.WriteLine("claims   " + Convert.ToHexString(HealthCodeFormat.EncodeClaims(claims)));
        output.WriteLine("cose     " + Convert.ToHexString(CoseOf(token)));
        output.WriteLine("token    " + token);
        output.WriteLine("tampered " + tampered);
        Assert.True(HealthCodeFormat.Verify(token, VectorTrust, VectorVerifyAt).Valid);
        Assert.Equal(R.BadSignature, HealthCodeFormat.Verify(tampered, VectorTrust, VectorVerifyAt).Reason);
    }
}
