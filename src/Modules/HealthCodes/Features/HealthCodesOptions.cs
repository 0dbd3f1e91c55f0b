namespace Yiwang.HealthCodes.Features;

internal sealed class HealthCodesOptions
{
    public const string Section = "Yiwang:HealthCodes";

    /// <summary>Issuer claim (iss): the district's division code.</summary>
    public string Issuer { get; set; } = "CN-420116";

    /// <summary>How long a code is valid after it was issued.</summary>
    public int CodeLifetimeMinutes { get; set; } = 5;

    /// <summary>How long a retired key stays in the trust list after its last code expired.</summary>
    public int RetiredKeyGraceMinutes { get; set; } = 60;

    /// <summary>Trust list Cache-Control max-age.</summary>
    public int TrustListMaxAgeSeconds { get; set; } = 300;

    /// <summary>Optional subject-token HMAC secret (base64, at least 32 bytes); without it one is generated and kept protected in the database.</summary>
    public string? SubjectSecret { get; set; }

    public TimeSpan CodeLifetime => TimeSpan.FromMinutes(Math.Clamp(CodeLifetimeMinutes, 1, 24 * 60));

    /// <summary>A retired key is published until retirement + skew + code lifetime + grace.</summary>
    public DateTimeOffset PublishedUntil(DateTimeOffset retiredAt) =>
        retiredAt + HealthCodeFormat.Skew + CodeLifetime + TimeSpan.FromMinutes(Math.Max(0, RetiredKeyGraceMinutes));
}
