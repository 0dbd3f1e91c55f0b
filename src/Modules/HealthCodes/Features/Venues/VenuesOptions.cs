namespace Yiwang.HealthCodes.Features.Venues;

internal sealed class VenuesOptions
{
    /// <summary>Most scans in one batch upload (part of the scanner contract, docs/venue-scanner-api.md).</summary>
    public const int MaxScansPerBatch = 1000;

    /// <summary>For the poster and pairing link, e.g. <c>https://yiwang.huangpi.gov.cn</c>; empty: the request's own address.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a host trusts a venue key it has looked up: a key rotated or deactivated elsewhere stops within this.</summary>
    public int VenueKeyCacheSeconds { get; set; } = 5;

    /// <summary>Largest batch upload body (bytes): 1000 scans of the longest QR text the verifier accepts fit.</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The online endpoint's group commit: after the first queued scan, wait this long for more before writing.</summary>
    public int OnlineCommitWindowMilliseconds { get; set; } = 2;

    /// <summary>Anonymous <c>/api/health-codes/verify</c>: requests per client IP address per minute (0 = no limit).</summary>
    public int VerifyRateLimitPerMinute { get; set; } = 120;

    /// <summary>Anonymous citizen sign-up and binding (real-name checks): attempts per client IP address per minute (0 = no limit).</summary>
    public int RegisterRateLimitPerMinute { get; set; } = 10;

    public TimeSpan VenueKeyCache => TimeSpan.FromSeconds(Math.Clamp(VenueKeyCacheSeconds, 0, 60));

    /// <summary>The public base URL without a trailing slash: the setting, else the request's own.</summary>
    public string BaseUrl(Microsoft.AspNetCore.Http.HttpRequest request) => BaseUrl($"{request.Scheme}://{request.Host}{request.PathBase}");

    public string BaseUrl(string requestBase) =>
        (PublicBaseUrl is { Length: > 0 } configured ? configured : requestBase).TrimEnd('/');
}
