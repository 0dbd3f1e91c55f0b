using System.Security.Cryptography;
using System.Text;
using Yiwang.Frontline.Features.Screening;
using Yiwang.Kernel.UseCases;

namespace Yiwang.UnitTests.Frontline;

/// <summary>The webhook signature scheme, including the worked example in docs/screening-webhook.md.</summary>
public sealed class ScreeningSignatureTests
{
    // The documentation's test key (never used by a real sender).
    private const string DocPublicPem = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7
        Yfps5mliLmDyn7Z5A/4QCLi8maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==
        -----END PUBLIC KEY-----
        """;

    private const string DocJwk = """{"kty":"EC","crv":"P-256","x":"YP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Y","y":"eQP-EAi4vJmkGunpVii8ZPLxsgwtfp9Rd6PClNRGIpk"}""";

    private const string DocBody = """{"eventId":"cam07-20261127-000123","system":"face","deviceId":"cam-07","location":"汉口北大道卡口","checkpointId":null,"occurredAt":"2026-11-27T09:14:05+08:00","idNumber":"11010519491231002X"}""";
    private const string DocTimestamp = "1795742050";
    private const string DocNonce = "4f2b8c1e9a7d4e3fb0c6a5d2e1f09876";
    private const string DocSignature = "DoImkVZS3dWJ3II2/qwfy7hggi0oBgZj69tY6yR3TPf0fttpfVPquyeEZe1cxdjJTUMoFotw64oGTlLQZ8P3fw==";
    private const string DocSignatureDer = "MEUCIA6CJpFWUt3VidyCNv6sH8u4YIItKAYGY+vbWOskd0z3AiEA9H7baX1T6rsnhGXtXMXYyU1DKBaLcOuKBk5S0GfD938=";

    private static byte[] Key(string text) => ScreeningSignature.ParsePublicKey(text, out _) ?? throw new InvalidOperationException("key refused");

    [Fact]
    public void The_documented_example_verifies_in_both_signature_encodings()
    {
        var body = Encoding.UTF8.GetBytes(DocBody);
        var key = Key(DocPublicPem);
        Assert.True(ScreeningSignature.Verify(key, DocTimestamp, DocNonce, body, DocSignature));
        Assert.True(ScreeningSignature.Verify(key, DocTimestamp, DocNonce, body, DocSignatureDer));
        Assert.True(ScreeningSignature.Verify(key, DocTimestamp, DocNonce, body, DocSignature.TrimEnd('=').Replace('+', '-').Replace('/', '_')));
        Assert.Equal("dfe7f6a918fe178be998d11adf4488880e246508d5889a71ba8bf5ce7d5c6800",
            Convert.ToHexStringLower(SHA256.HashData(ScreeningSignature.Canonical(DocTimestamp, DocNonce, body))));
        Assert.Equal("5a7a78cca4a0f420", SendersApi.Fingerprint(key));
    }

    [Fact]
    public void Any_change_to_timestamp_nonce_or_body_breaks_the_signature()
    {
        var body = Encoding.UTF8.GetBytes(DocBody);
        var key = Key(DocPublicPem);
        Assert.False(ScreeningSignature.Verify(key, "1795742051", DocNonce, body, DocSignature));
        Assert.False(ScreeningSignature.Verify(key, DocTimestamp, DocNonce[..^1] + "7", body, DocSignature));
        Assert.False(ScreeningSignature.Verify(key, DocTimestamp, DocNonce, Encoding.UTF8.GetBytes(DocBody.Replace("cam-07", "cam-08", StringComparison.Ordinal)), DocSignature));
        // A re-serialised body (whitespace) is a different body: the signature covers the exact bytes.
        Assert.False(ScreeningSignature.Verify(key, DocTimestamp, DocNonce, Encoding.UTF8.GetBytes(DocBody + "\n"), DocSignature));
        Assert.False(ScreeningSignature.Verify(key, DocTimestamp, DocNonce, body, "not base64"));
        Assert.False(ScreeningSignature.Verify(key, DocTimestamp, DocNonce, body, ""));
        Assert.False(ScreeningSignature.Verify(key, DocTimestamp, DocNonce, body, Convert.ToBase64String(new byte[64])));
    }

    [Fact]
    public void A_signature_by_another_key_does_not_verify_and_a_fresh_one_does()
    {
        using var mine = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = Encoding.UTF8.GetBytes("{\"eventId\":\"1\"}");
        var key = Key(mine.ExportSubjectPublicKeyInfoPem());
        Assert.True(ScreeningSignature.Verify(key, "1795742050", DocNonce, body, ScreeningSignature.Sign(mine, "1795742050", DocNonce, body)));
        Assert.False(ScreeningSignature.Verify(key, "1795742050", DocNonce, body, ScreeningSignature.Sign(other, "1795742050", DocNonce, body)));
    }

    [Fact]
    public void Jwk_and_pem_of_the_same_key_are_the_same_key()
    {
        Assert.Equal(Key(DocPublicPem), Key(DocJwk));
    }

    [Fact]
    public void Private_keys_other_curves_and_garbage_are_refused_with_a_reason()
    {
        using var k = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        var p = k.ExportParameters(true);
        var privateJwk = $$"""{"kty":"EC","crv":"P-256","x":"{{Url(p.Q.X!)}}","y":"{{Url(p.Q.Y!)}}","d":"{{Url(p.D!)}}"}""";
        foreach (var bad in new[]
        {
            k.ExportPkcs8PrivateKeyPem(), k.ExportECPrivateKeyPem(), privateJwk, p384.ExportSubjectPublicKeyInfoPem(),
            rsa.ExportSubjectPublicKeyInfoPem(), """{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}""", """{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}""",
            "{not json", "hello", "", "   ",
        })
        {
            Assert.Null(ScreeningSignature.ParsePublicKey(bad, out var error));
            Assert.False(string.IsNullOrEmpty(error?.Render(Text.Chinese)));
            Assert.False(string.IsNullOrEmpty(error?.Render(Text.English)));
        }
    }

    [Theory]
    [InlineData("鄂A 12345", "鄂A12345", true)]
    [InlineData("鄂a·12345", "鄂A12345", true)]
    [InlineData("鄂AD12345", "鄂AD12345", true)]
    [InlineData("ABC123", "ABC123", false)]
    [InlineData("鄂A1", "鄂A1", false)]
    public void Plates_are_normalised_before_matching(string input, string normalized, bool valid)
    {
        Assert.Equal(normalized, ScreeningScope.NormalizePlate(input));
        Assert.Equal(valid, ScreeningScope.IsPlate(normalized));
    }

    private static string Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
