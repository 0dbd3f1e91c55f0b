namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>
/// Why a scan was not recorded: the verifier's codes (<see cref="HealthCodeFormat.Reasons"/>) and these, which judge the
/// scan rather than the code. Stable; documented in docs/venue-scanner-api.md.
/// </summary>
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

    /// <summary>Bilingual words for every refusal code a scan can get.</summary>
    public static (string Zh, string En) Describe(string reason) => reason switch
    {
        BadScan => ("扫码记录缺少编号、二维码内容或扫码时间", "The scan lacks its id, QR text or time"),
        WrongIssuer => ("健康码签发机构不符", "The code names another issuer"),
        OutsideValidity => ("扫码时健康码不在有效期内", "The code was not valid at the time of the scan"),
        InFuture => ("扫码时间晚于当前时间", "The scan's time is in the future"),
        TooOld => ("扫码记录超过保存期限", "The scan is older than the retention period"),
        _ => HealthCodesApi.Describe(reason),
    };
}
