using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Yiwang.HealthCodes.Features.Scanner;

/// <summary>
/// The scanner page's service worker. It is served from the site's root, not from the module's static files, because
/// a service worker may only control pages at or below its own path, and it must control <c>/scan</c>.
/// </summary>
internal static class ScannerApi
{
    public const string ServiceWorkerPath = "/scan-sw.js";

    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = typeof(ScannerApi).Assembly.GetManifestResourceStream("scanner-sw.js")
            ?? throw new InvalidOperationException("scanner-sw.js is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapScannerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ServiceWorkerPath, (HttpContext http) =>
        {
            // Browsers check for a new worker on each visit; no-cache makes them ask us.
            http.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Bytes(Script.Value, "text/javascript; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
