using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features;

/// <summary>Venues verify and record with their key instead of the anonymous verify endpoint
/// (docs/venue-scanner-api.md). Format: docs/health-code-format.md.</summary>
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
        g.MapPost("/verify", async (VerifyRequest? body, SigningKeyService keys, CancellationToken ct) => (await VerifyAsync(body, keys, ct)).ToOk())
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Venues.VenuesSetup.VerifyRateLimitPolicy);
        g.MapPost("/keys/rotate", async (RotateRequest? body, SigningKeyService keys, YiwangDbContext db, CurrentUser user, CancellationToken ct) =>
            (await RotateAsync(body, keys, db, user, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicConfigure));
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

    internal static async Task<Result<VerifyAnswer>> VerifyAsync(VerifyRequest? body, SigningKeyService keys, CancellationToken ct)
    {
        var result = await keys.VerifyAsync(body?.Qr, ct);
        if (result.Claims is not { } c)
        {
            return Refuse(result.Reason!);
        }

        return new VerifyAnswer(true, HealthCodeFormat.ColourName(c.Colour), c.IssuedAt, c.ExpiresAt, result.Kid!, c.Issuer, c.Rule);
    }

    internal static async Task<Result<RotateAnswer>> RotateAsync(RotateRequest? body, SigningKeyService keys, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        var reason = body?.Reason is { Length: > 0 } r ? r[..Math.Min(r.Length, 500)] : null;
        var (active, retired) = await keys.RotateAsync(db, user.Actor, reason, ct);
        return new RotateAnswer(active.Kid, retired);
    }

    /// <summary>
    /// Words for a refusal code of the format or of a scan (ScannerText <c>Reason_{code}</c>); an unknown code reads as
    /// "invalid", so a new code never shows a key.
    /// </summary>
    internal static Text ReasonText(string reason)
    {
        var key = "Reason_" + reason;
        return new Text(typeof(ScannerText), ScannerText.Has(key) ? key : "Reason_invalid");
    }

    internal static (string Zh, string En) Describe(string reason)
    {
        var text = ReasonText(reason);
        return (text.Render(Text.Chinese), text.Render(Text.English));
    }

    /// <summary>A 400 with the reason as its code: the scanner's offline verifier uses the same codes.</summary>
    internal static Refusal Refuse(string reason) => Refusal.BadRequest(ReasonText(reason), reason);
}
