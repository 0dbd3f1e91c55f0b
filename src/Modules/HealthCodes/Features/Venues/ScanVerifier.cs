using System.Globalization;
using Yiwang.HealthCodes.Domain;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>One scan as a scanner uploads it; every field is checked here, so one bad scan does not sink its batch.</summary>
internal sealed record ScanInput(string? Id, string? Qr, string? ScannedAt);

internal readonly record struct ScanCheck(Scan? Scan, string? Reason, DateTimeOffset ExpiresAt = default);

/// <summary>A venue's word is not taken for anything: each code is verified again and must have been valid when the
/// venue says it read it, or a dishonest venue could place people where they never were.</summary>
internal static class ScanVerifier
{
    // Below this a batch is checked on the request's own thread: starting workers costs more than it saves.
    private const int ParallelFrom = 32;

    /// <summary>Checks every scan of a batch, in parallel across the cores; the result is in the batch's order.</summary>
    public static ScanCheck[] CheckBatch(IReadOnlyList<ScanInput?> scans, VenueIdentity venue, KeyRing ring, string issuer, DateTimeOffset now, TimeSpan retention)
    {
        var results = new ScanCheck[scans.Count];
        if (scans.Count < ParallelFrom)
        {
            for (var i = 0; i < scans.Count; i++)
            {
                results[i] = CheckQueued(scans[i], venue, ring, issuer, now, retention);
            }

            return results;
        }

        Parallel.For(0, scans.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = CheckQueued(scans[i], venue, ring, issuer, now, retention));
        return results;
    }

    /// <summary>A scan read earlier and uploaded now: the code must have been valid at <see cref="ScanInput.ScannedAt"/>.</summary>
    public static ScanCheck CheckQueued(ScanInput? input, VenueIdentity venue, KeyRing ring, string issuer, DateTimeOffset now, TimeSpan retention)
    {
        if (input is null || !Guid.TryParse(input.Id, out var id) || id == Guid.Empty || string.IsNullOrEmpty(input.Qr)
            || !TryParseTime(input.ScannedAt, out var scannedAt))
        {
            return new ScanCheck(null, ScanRefusals.BadScan);
        }

        var skew = HealthCodeFormat.Skew;
        if (scannedAt > now + skew)
        {
            return new ScanCheck(null, ScanRefusals.InFuture);
        }

        if (scannedAt < now - retention)
        {
            return new ScanCheck(null, ScanRefusals.TooOld);
        }

        var result = HealthCodeFormat.VerifySigned(input.Qr, kid => ring.PublishedAt(kid, scannedAt));
        if (Judge(result, issuer) is { } refused)
        {
            return new ScanCheck(null, refused);
        }

        var c = result.Claims!;
        if (scannedAt < c.IssuedAt - skew || scannedAt > c.ExpiresAt + skew)
        {
            return new ScanCheck(null, ScanRefusals.OutsideValidity);
        }

        return new ScanCheck(Row(id, venue, c, result.Kid!, scannedAt, now, ScanMode.Batch), null, c.ExpiresAt);
    }

    /// <summary>A scan read now by the online endpoint: the code must be valid now.</summary>
    public static ScanCheck CheckNow(Guid id, string? qr, VenueIdentity venue, KeyRing ring, string issuer, DateTimeOffset now)
    {
        var result = HealthCodeFormat.Verify(qr, kid => ring.PublishedAt(kid, now), now);
        return Judge(result, issuer) is { } refused
            ? new ScanCheck(null, refused)
            : new ScanCheck(Row(id, venue, result.Claims!, result.Kid!, now, now, ScanMode.Online), null, result.Claims!.ExpiresAt);
    }

    private static string? Judge(VerifyResult result, string issuer) =>
        result.Claims is not { } c ? result.Reason
        : c.Issuer != issuer ? ScanRefusals.WrongIssuer
        // Our keys only sign our subject tokens; anything longer would not fit the column.
        : c.Subject.Length > Scan.SubjectLength ? HealthCodeFormat.Reasons.MalformedClaims
        : null;

    private static Scan Row(Guid id, VenueIdentity venue, HealthCodeClaims c, string kid, DateTimeOffset scannedAt, DateTimeOffset now, ScanMode mode) => new()
    {
        Id = id,
        VenueId = venue.Id,
        Subject = c.Subject,
        ScannedAt = scannedAt.ToUniversalTime(),
        ReceivedAt = now.ToUniversalTime(),
        Colour = c.Colour,
        Kid = kid,
        Mode = mode,
    };

    /// <summary>ISO 8601 with an explicit offset ("Z" or "+08:00"): a time without one means nothing certain.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset at)
    {
        at = default;
        if (text is null || text.Length is < 20 or > 40)
        {
            return false;
        }

        var offsetPart = text.AsSpan(text.Length - 6);
        var hasOffset = text[^1] is 'Z' or 'z'
            || (offsetPart[0] is '+' or '-' && offsetPart[3] == ':' && char.IsAsciiDigit(offsetPart[1]) && char.IsAsciiDigit(offsetPart[5]));
        return hasOffset && text[10] is 'T' or 't'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out at);
    }
}
