using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>
/// <c>POST /api/screening/events</c>: match events from external face, plate and door systems, authenticated by the
/// sender's ECDSA signature (no account, no cookie). Format and error codes: docs/screening-webhook.md.
/// </summary>
internal static class ScreeningWebhook
{
    public static IEndpointRouteBuilder MapScreeningWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/screening/events", ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Frontline / 卡口")
            .Accepts<ScreeningEvents.EventBody>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    internal static async Task<Results<Accepted<ScreeningEvents.Accepted>, ProblemHttpResult>> ReceiveAsync(
        HttpContext http, ScreeningEvents events, IOptions<ScreeningOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxEventBytes;
        var body = await ReadBodyAsync(http.Request, max, ct);
        if (body is null)
        {
            return Problems.From(WebhookRefusals.TooLarge(max));
        }

        var h = http.Request.Headers;
        var result = await events.ReceiveAsync(
            h[ScreeningSignature.SenderHeader].ToString(), h[ScreeningSignature.TimestampHeader].ToString(),
            h[ScreeningSignature.NonceHeader].ToString(), h[ScreeningSignature.SignatureHeader].ToString(), body, ct);
        return result.TryGet(out var accepted) ? TypedResults.Accepted((string?)null, accepted) : Problems.From(result.Refusal!);
    }

    /// <summary>The body's exact bytes (the signature covers them), or null when it passes <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
