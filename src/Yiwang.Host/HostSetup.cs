using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Yiwang.Kernel.Accounts;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Yiwang.Host.Components;
using Yiwang.Host.Startup;

namespace Yiwang.Host;

/// <summary>Composition of the web host: UI, OpenAPI, errors as ProblemDetails, health, languages, logs.</summary>
internal static class HostSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddYiwangHost(this WebApplicationBuilder builder)
    {
        // Structured logs: JSON lines in production, readable text on a developer's console.
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        // Kestrel allows the largest body any endpoint takes (a district-wide upload); each request then gets
        // its endpoint's own limit in UseYiwangHost.
        var maxUpload = builder.Configuration.GetValue<long?>("Yiwang:Limits:MaxUploadBytes") ?? 512L * 1024 * 1024;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxUpload);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = maxUpload);

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = 32);

        // Chinese in pages as characters, not &#x...; entities: half the bytes, and readable source.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOpenApi();
        builder.Services.AddLocalization();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        builder.Services.AddSingleton<StartupState>();
        return builder;
    }

    public static WebApplication UseYiwangHost(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        // Every endpoint takes at most MaxRequestBodyBytes unless it declares more (uploads): a declared
        // oversized body is refused before anything reads it, a streamed one when it passes the limit.
        var maxBody = app.Configuration.GetValue<long?>("Yiwang:Limits:MaxRequestBodyBytes") ?? 1_048_576;
        app.Use((ctx, next) =>
        {
            var limit = ctx.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? maxBody;
            if (ctx.Request.ContentLength > limit)
            {
                throw new BadHttpRequestException($"Request body over {limit} bytes", StatusCodes.Status413PayloadTooLarge);
            }

            if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            return next(ctx);
        });
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Only the user's explicit choice (cookie) switches language; zh-CN is the default for everyone else.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        // Endpoints opt in with RequireRateLimiting (modules add their policies with AddRateLimiter).
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapYiwangUi(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        });
        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("Yiwang API / 一网 接口"));
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext ctx) =>
        {
            var culture = Cultures.FirstOrDefault(c => c.Name == name) ?? Cultures[0];
            ctx.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.MaxValue, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        app.MapPost("/logout", async (HttpContext ctx, IAntiforgery antiforgery, SignInManager<Account> signIn) =>
        {
            await antiforgery.ValidateRequestAsync(ctx);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(UiAssemblies.Modules);
        return app;
    }

    private static Task WriteHealthAsync(HttpContext ctx, HealthReport report)
    {
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }));
    }
}
