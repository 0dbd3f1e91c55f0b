using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features;

/// <summary>
/// The trust list (anonymous, cacheable), the server-side verify endpoint (anonymous, rate-limited per client address;
/// venues verify and record with their key instead, docs/venue-scanner-api.md) and key rotation for the district.
/// Format: docs/health-code-format.md.
/// </summary>
internal static class HealthCodesApi
{
    public const string TrustListPath = "/.well-known/yiwang/trust-list.json";

    internal sealed record VerifyRequest(string? Qr);

    internal sealed record VerifyAnswer(bool Valid, string Colour, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Kid, string Issuer, string? Rule);

    internal sealed record RotateRequest(string? Reason);

    internal sealed record RotateAnswer(string Kid, IReadOnlyList<string> Retired);

    public static IEndpointRouteBuilder MapHealthCodesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(TrustListPath, TrustListAsync).AllowAnonymous().WithTags("Health codes / 健康码")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status304NotModified);
        var g = app.MapGroup("/api/health-codes").WithTags("Health codes / 健康码");
        g.MapPost("/verify", VerifyAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Venues.VenuesSetup.VerifyRateLimitPolicy);
        g.MapPost("/keys/rotate", RotateAsync).RequireAuthorization(nameof(Permission.EpidemicConfigure));
        return app;
    }

    internal static async Task<IResult> TrustListAsync(HttpContext http, SigningKeyService keys, CancellationToken ct)
    {
        var json = SigningKeyService.TrustListJson(await keys.PublishedAsync(ct));
        var etag = "\"" + HealthCodeFormat.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(json)).AsSpan(0, 16)) + "\"";
        var headers = http.Response.Headers;
        headers.CacheControl = $"public, max-age={keys.Options.TrustListMaxAgeSeconds}";
        headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Text(json, "application/json", Encoding.UTF8);
    }

    internal static async Task<Results<Ok<VerifyAnswer>, ProblemHttpResult>> VerifyAsync(VerifyRequest? body, SigningKeyService keys, CancellationToken ct)
    {
        var result = await keys.VerifyAsync(body?.Qr, ct);
        if (result.Claims is not { } c)
        {
            var (zh, en) = Describe(result.Reason!);
            return Problems.Status(StatusCodes.Status400BadRequest, zh, en, result.Reason);
        }

        return TypedResults.Ok(new VerifyAnswer(true, HealthCodeFormat.ColourName(c.Colour), c.IssuedAt, c.ExpiresAt, result.Kid!, c.Issuer, c.Rule));
    }

    internal static async Task<Ok<RotateAnswer>> RotateAsync(RotateRequest? body, SigningKeyService keys, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        var reason = body?.Reason is { Length: > 0 } r ? r[..Math.Min(r.Length, 500)] : null;
        var (active, retired) = await keys.RotateAsync(db, user.Actor, reason, ct);
        return TypedResults.Ok(new RotateAnswer(active.Kid, retired));
    }

    /// <summary>Bilingual words for each refusal code.</summary>
    internal static (string Zh, string En) Describe(string reason) => reason switch
    {
        HealthCodeFormat.Reasons.WrongPrefix => ("不是一网健康码（前缀应为 YW1:）", "Not a Yiwang health code (prefix must be YW1:)"),
        HealthCodeFormat.Reasons.TooLarge => ("二维码内容过长", "The QR text is too long"),
        HealthCodeFormat.Reasons.NotBase45 => ("二维码内容不是 Base45 编码", "The QR text is not Base45"),
        HealthCodeFormat.Reasons.NotZlib => ("二维码内容无法解压", "The QR content is not zlib data"),
        HealthCodeFormat.Reasons.InflatedTooLarge => ("二维码解压后过大", "The QR content inflates beyond the limit"),
        HealthCodeFormat.Reasons.NotCose => ("不是 COSE_Sign1 签名消息", "Not a COSE_Sign1 message"),
        HealthCodeFormat.Reasons.WrongAlgorithm => ("签名算法不是 ES256", "The signature algorithm is not ES256"),
        HealthCodeFormat.Reasons.MissingKid => ("缺少密钥标识", "The key id is missing"),
        HealthCodeFormat.Reasons.UnknownKid => ("签名密钥不在信任列表中", "The signing key is not in the trust list"),
        HealthCodeFormat.Reasons.BadSignature => ("签名无效（内容被篡改）", "Bad signature (the content was tampered with)"),
        HealthCodeFormat.Reasons.MalformedClaims => ("健康码内容格式错误", "The code's claims are malformed"),
        HealthCodeFormat.Reasons.MissingClaims => ("健康码缺少必要内容", "The code lacks required claims"),
        HealthCodeFormat.Reasons.RetiredKey => ("签名密钥已停用", "The signing key was retired before this code was issued"),
        HealthCodeFormat.Reasons.NotYetValid => ("健康码签发时间在未来", "The code is issued in the future"),
        HealthCodeFormat.Reasons.Expired => ("健康码已过期，请刷新", "The code has expired; refresh it"),
        _ => ("健康码无效", "Invalid health code"),
    };
}
