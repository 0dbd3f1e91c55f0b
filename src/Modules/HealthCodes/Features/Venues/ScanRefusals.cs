namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>Refusals that judge the scan rather than the code (those are <see cref="HealthCodeFormat.Reasons"/>).
/// Stable; documented in docs/venue-scanner-api.md.</summary>
internal static class ScanRefusals
{
    /// <summary>The scan lacks its id (a UUID), its QR text or its time (ISO 8601 with an offset).</summary>
    public const string BadScan = "bad-scan";

    /// <summary>The code was validly signed by a key of this system but names another issuer.</summary>
    public const string WrongIssuer = "wrong-issuer";

    /// <summary>The code was not valid at the time of the scan (issued after it, or expired before it).</summary>
    public const string OutsideValidity = "scanned-outside-validity";

    /// <summary>The scan's time is later than now (beyond the clock skew).</summary>
    public const string InFuture = "scanned-in-future";

    /// <summary>The scan is older than the retention period: it would be deleted at once.</summary>
    public const string TooOld = "too-old";
}
