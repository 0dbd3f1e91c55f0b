using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>Authenticated by the venue key (<c>X-Venue-Key</c>). Contract: docs/venue-scanner-api.md.</summary>
internal static class ScanUploadApi
{
    internal sealed record ScanBatch(IReadOnlyList<ScanInput?>? Scans);

    internal sealed record Refused(string? Id, string Reason);

    internal sealed record BatchAnswer(int Stored, int Duplicates, IReadOnlyList<Refused> Refused);

    internal sealed record OnlineInput(string? Id, string? Qr);

    internal sealed record OnlineAnswer(bool Valid, string Colour, DateTimeOffset ExpiresAt, Guid Id, DateTimeOffset ScannedAt);

    public static IEndpointRouteBuilder MapScanUploadApi(this IEndpointRouteBuilder app)
    {
        var maxBatch = app.ServiceProvider.GetRequiredService<IOptions<VenuesOptions>>().Value.MaxBatchBytes;
        var g = app.MapGroup("/api/health-codes/venues/{code}").WithTags("Health codes / 健康码 · scanners / 扫码设备")
            .AllowAnonymous().DisableAntiforgery();
        g.MapPost("/scans", async (string code, HttpRequest request, VenueKeys keys, SigningKeyService signing, YiwangDbContext db, TimeProvider clock,
                IOptions<Tracing.TracingOptions> retention, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
                (await UploadAsync(code, request, keys, signing, db, clock, retention, json, ct)).ToOk())
            .WithMetadata(new RequestSizeLimitAttribute(maxBatch))
            .Accepts<ScanBatch>("application/json")
            .Produces<BatchAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        g.MapPost("/verify", async (string code, OnlineInput? body, HttpRequest request, VenueKeys keys, SigningKeyService signing, OnlineScanWriter writer,
                TimeProvider clock, CancellationToken ct) =>
                (await VerifyAndRecordAsync(code, body, request, keys, signing, writer, clock, ct)).ToOk())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>Each scan is verified again; ids already stored count as duplicates. The key is checked before the body
    /// is read.</summary>
    internal static async Task<Result<BatchAnswer>> UploadAsync(
        string code, HttpRequest request, VenueKeys keys, SigningKeyService signing, YiwangDbContext db, TimeProvider clock,
        IOptions<Tracing.TracingOptions> retention, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var authenticated = await keys.AuthenticateAsync(request, code, ct);
        if (!authenticated.TryGet(out var venue))
        {
            return authenticated.Refusal!;
        }

        ScanBatch? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync<ScanBatch>(request.Body, json.Value.SerializerOptions, ct);
        }
        catch (JsonException e)
        {
            return Refusal.BadRequest(Words("Refusal_MalformedJson", e.Message), "malformed-json");
        }

        if (batch?.Scans is not { } scans)
        {
            return Refusal.BadRequest(Words("Refusal_BadBatch"), "bad-batch");
        }

        if (scans.Count > VenuesOptions.MaxScansPerBatch)
        {
            return Refusal.BadRequest(Words("Refusal_TooManyScans", VenuesOptions.MaxScansPerBatch), "too-many-scans");
        }

        var ring = await signing.KeyRingAsync(ct);
        var now = clock.GetUtcNow();
        var checks = ScanVerifier.CheckBatch(scans, venue, ring, signing.Options.Issuer, now, TimeSpan.FromDays(retention.Value.Retention)); // an older scan would be deleted at once (too-old)
        var accepted = new List<Scan>(scans.Count);
        var ids = new HashSet<Guid>(scans.Count);
        var refused = new List<Refused>();
        var repeated = 0;
        for (var i = 0; i < checks.Length; i++)
        {
            if (checks[i].Scan is { } scan)
            {
                // The same id twice in one batch is stored once, like a batch sent twice.
                if (ids.Add(scan.Id))
                {
                    accepted.Add(scan);
                }
                else
                {
                    repeated++;
                }
            }
            else
            {
                refused.Add(new Refused(scans[i]?.Id, checks[i].Reason!));
            }
        }

        var stored = await ScanStore.InsertNewAsync(db, accepted, ct);
        return new BatchAnswer(stored, accepted.Count - stored + repeated, refused);
    }

    /// <summary>Verifies one code now and answers its colour once the scan is durably recorded; refusals record nothing.</summary>
    internal static async Task<Result<OnlineAnswer>> VerifyAndRecordAsync(
        string code, OnlineInput? body, HttpRequest request, VenueKeys keys, SigningKeyService signing, OnlineScanWriter writer,
        TimeProvider clock, CancellationToken ct)
    {
        var authenticated = await keys.AuthenticateAsync(request, code, ct);
        if (!authenticated.TryGet(out var venue))
        {
            return authenticated.Refusal!;
        }

        var now = clock.GetUtcNow();
        Guid id;
        if (body?.Id is null)
        {
            id = Guid.CreateVersion7(now);
        }
        else if (!Guid.TryParse(body.Id, out id) || id == Guid.Empty)
        {
            return HealthCodesApi.Refuse(ScanRefusals.BadScan);
        }

        var check = ScanVerifier.CheckNow(id, body?.Qr, venue, await signing.KeyRingAsync(ct), signing.Options.Issuer, now);
        if (check.Scan is not { } scan)
        {
            return HealthCodesApi.Refuse(check.Reason!);
        }

        try
        {
            await writer.RecordAsync(scan);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The writer logged the cause. The scanner keeps the scan and retries with the same id.
            return new Refusal(StatusCodes.Status503ServiceUnavailable, "scan-not-recorded", Words("Refusal_ScanNotRecorded"));
        }

        return new OnlineAnswer(true, HealthCodeFormat.ColourName(scan.Colour), check.ExpiresAt, scan.Id, scan.ScannedAt);
    }

    private static Text Words(string key, params object?[] args) => new(typeof(VenuesText), key, args);
}
