using System.Security.Cryptography;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Features.Venues;

namespace Yiwang.UnitTests.HealthCodes;

/// <summary>
/// A queued scan is judged at its own time: the edges of the code's validity with the 60 s skew, scans from the
/// future or older than the retention, times without an offset; the key ring trusts a key while it was published.
/// </summary>
public sealed class ScanVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(21);
    private static readonly VenueIdentity Venue = new(Guid.NewGuid(), "V2345678");

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _kid = RandomNumberGenerator.GetBytes(8);

    public void Dispose() => _key.Dispose();

    private KeyRing Ring(DateTimeOffset? retiredAt = null) =>
        new(new Dictionary<string, TrustedKey> { [HealthCodeFormat.KidText(_kid)] = new(HealthCodeFormat.KidText(_kid), _key.ExportParameters(false), retiredAt) },
            new HealthCodesOptions());

    private string Code(DateTimeOffset iat, string issuer = "CN-420116", CodeColour colour = CodeColour.Yellow) =>
        HealthCodeFormat.Encode(new HealthCodeClaims(issuer, iat, iat.AddMinutes(5), colour, HealthCodeFormat.SubjectToken(new byte[32], Guid.NewGuid())), _key, _kid);

    private static ScanInput Input(string qr, DateTimeOffset at) => new(Guid.NewGuid().ToString(), qr, at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    private string? Reason(string qr, DateTimeOffset at, KeyRing? ring = null) =>
        ScanVerifier.CheckQueued(Input(qr, at), Venue, ring ?? Ring(), "CN-420116", Now, Retention).Reason;

    [Fact]
    public void A_code_counts_from_iat_minus_the_skew_to_exp_plus_the_skew_at_the_time_of_the_scan()
    {
        var iat = Now.AddHours(-3);
        var qr = Code(iat);
        Assert.Equal(ScanRefusals.OutsideValidity, Reason(qr, iat.AddSeconds(-61)));
        Assert.Null(Reason(qr, iat.AddSeconds(-60)));
        Assert.Null(Reason(qr, iat.AddMinutes(5).AddSeconds(60)));
        Assert.Equal(ScanRefusals.OutsideValidity, Reason(qr, iat.AddMinutes(5).AddSeconds(61)));

        var ok = ScanVerifier.CheckQueued(Input(qr, iat.AddMinutes(2)), Venue, Ring(), "CN-420116", Now, Retention);
        var scan = Assert.IsType<Scan>(ok.Scan);
        Assert.Equal((Venue.Id, CodeColour.Yellow, ScanMode.Batch, iat.AddMinutes(2), Now), (scan.VenueId, scan.Colour, scan.Mode, scan.ScannedAt, scan.ReceivedAt));
        Assert.Equal(iat.AddMinutes(5), ok.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, scan.ScannedAt.Offset);
    }

    [Fact]
    public void Scans_from_the_future_or_past_the_retention_and_scans_without_an_offset_or_id_are_refused()
    {
        var qr = Code(Now);
        Assert.Null(Reason(qr, Now.AddSeconds(60)));
        Assert.Equal(ScanRefusals.InFuture, Reason(qr, Now.AddSeconds(61)));
        Assert.Equal(ScanRefusals.TooOld, Reason(Code(Now - Retention - TimeSpan.FromMinutes(2)), Now - Retention - TimeSpan.FromMinutes(1)));
        Assert.Equal(ScanRefusals.WrongIssuer, Reason(Code(Now, issuer: "CN-110101"), Now));

        string? Bad(ScanInput? input) => ScanVerifier.CheckQueued(input, Venue, Ring(), "CN-420116", Now, Retention).Reason;
        Assert.Equal(ScanRefusals.BadScan, Bad(null));
        Assert.Equal(ScanRefusals.BadScan, Bad(new ScanInput(null, qr, "2027-01-15T08:00:00Z")));
        Assert.Equal(ScanRefusals.BadScan, Bad(new ScanInput(Guid.Empty.ToString(), qr, "2027-01-15T08:00:00Z")));
        Assert.Equal(ScanRefusals.BadScan, Bad(new ScanInput(Guid.NewGuid().ToString(), "", "2027-01-15T08:00:00Z")));
        Assert.Equal(ScanRefusals.BadScan, Bad(new ScanInput(Guid.NewGuid().ToString(), qr, "2027-01-15T08:00:00")));
        Assert.Equal(ScanRefusals.BadScan, Bad(new ScanInput(Guid.NewGuid().ToString(), qr, "yesterday")));

        Assert.True(ScanVerifier.TryParseTime("2027-01-15T16:00:00.123+08:00", out var local));
        Assert.True(ScanVerifier.TryParseTime("2027-01-15T08:00:00.123Z", out var utc));
        Assert.Equal(utc, local);
    }

    [Fact]
    public void A_retired_key_is_trusted_for_scans_while_it_was_published_and_not_for_codes_it_signed_after_retirement()
    {
        var retiredAt = Now.AddHours(-2);
        var ring = Ring(retiredAt);
        // Issued before retirement, scanned then: fine, even though the upload comes two hours later.
        Assert.Null(Reason(Code(retiredAt.AddMinutes(-3)), retiredAt.AddMinutes(-2), ring));
        // Signed after retirement (plus the skew).
        Assert.Equal(HealthCodeFormat.Reasons.RetiredKey, Reason(Code(retiredAt.AddMinutes(2)), retiredAt.AddMinutes(3), ring));
        // A key is no longer published at a time past retirement + skew + lifetime + grace: unknown then.
        Assert.Null(ring.PublishedAt(HealthCodeFormat.KidText(_kid), new HealthCodesOptions().PublishedUntil(retiredAt)));
        Assert.NotNull(ring.PublishedAt(HealthCodeFormat.KidText(_kid), new HealthCodesOptions().PublishedUntil(retiredAt).AddSeconds(-1)));
    }

    [Fact]
    public void A_batch_is_checked_in_parallel_in_its_own_order()
    {
        var scans = Enumerable.Range(0, 200).Select(i => (ScanInput?)Input(i % 7 == 0 ? "YW1:garbage!" : Code(Now.AddSeconds(-i)), Now.AddSeconds(-i))).ToList();
        var checks = ScanVerifier.CheckBatch(scans, Venue, Ring(), "CN-420116", Now, Retention);
        for (var i = 0; i < scans.Count; i++)
        {
            if (i % 7 == 0)
            {
                Assert.Equal(HealthCodeFormat.Reasons.NotBase45, checks[i].Reason);
            }
            else
            {
                Assert.Equal(Guid.Parse(scans[i]!.Id!), checks[i].Scan!.Id);
            }
        }
    }

    [Fact]
    public void A_copy_of_a_trusted_key_with_another_public_key_verifies_with_that_key_only()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = HealthCodeFormat.KidText(_kid);
        var original = new TrustedKey(kid, _key.ExportParameters(false));
        var qr = Code(Now);
        Assert.True(HealthCodeFormat.VerifySigned(qr, _ => original).Valid); // imports and keeps the key
        var swapped = original with { PublicKey = other.ExportParameters(false) };
        Assert.Equal(HealthCodeFormat.Reasons.BadSignature, HealthCodeFormat.VerifySigned(qr, _ => swapped).Reason);
        Assert.True(HealthCodeFormat.VerifySigned(qr, _ => original).Valid);
        Assert.Equal(original, original with { });
        Assert.NotEqual(original, swapped);
    }
}
