using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>The citizen side's endpoints (docs/citizen-health-code.md) and the officers' appeal queue.</summary>
internal static class CitizenApi
{
    public static IEndpointRouteBuilder MapCitizenApi(this IEndpointRouteBuilder app)
    {
        var citizen = app.MapGroup("/api/citizen").WithTags("Citizens / 市民");
        // JSON only, as the sign-in API: a cross-site form cannot send it, so it needs no anti-forgery token.
        citizen.MapPost("/register", async (Registration.RegisterRequest? body, YiwangDbContext db, UserManager<Account> users, SignInManager<Account> signIn,
                IPersonDirectory people, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
                (await Registration.RegisterAsync(body, db, users, signIn, people, user, clock, ct)).ToCreated(_ => "/me"))
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Venues.VenuesSetup.RegisterRateLimitPolicy);
        citizen.MapPost("/bind", async (Registration.BindRequest? body, YiwangDbContext db, IPersonDirectory people, CitizenLinks links, CurrentUser user,
                TimeProvider clock, CancellationToken ct) =>
                (await Registration.BindAsync(body, db, people, links, user, clock, ct)).ToOk())
            .RequireAuthorization(nameof(Permission.HealthCodesSelf)).RequireRateLimiting(Venues.VenuesSetup.RegisterRateLimitPolicy);

        var me = app.MapGroup("/api/me").WithTags("Citizens / 市民").RequireAuthorization(nameof(Permission.HealthCodesSelf));
        me.MapGet("/health-code", async (bool? svg, HttpContext http, YiwangDbContext db, CitizenLinks links, CodeIssuer issuer, CurrentUser user, CancellationToken ct) =>
        {
            var code = await MyCode.GetAsync(svg, db, links, issuer, user, ct);
            if (code.IsOk)
            {
                // A code is a credential for a few minutes: never from a cache.
                http.Response.Headers.CacheControl = "no-store";
            }

            return code.ToOk();
        });
        me.MapGet("/history", async (YiwangDbContext db, CitizenLinks links, CurrentUser user, CancellationToken ct) =>
            (await MyCode.HistoryAsync(db, links, user, ct)).ToOk());
        me.MapGet("/declarations", async (YiwangDbContext db, CitizenLinks links, CurrentUser user, CancellationToken ct) =>
            (await Declarations.ListAsync(db, links, user, ct)).ToOk());
        me.MapPost("/declarations", async (Declarations.DeclareRequest? body, YiwangDbContext db, CitizenLinks links, Colours.ColourEngine engine, CurrentUser user,
                TimeProvider clock, CancellationToken ct) =>
            (await Declarations.CreateAsync(body, db, links, engine, user, clock, ct)).ToCreated(d => $"/api/me/declarations/{d.Id}"));
        me.MapGet("/appeals", async (YiwangDbContext db, CitizenLinks links, CurrentUser user, CancellationToken ct) =>
            (await Appeals.MineAsync(db, links, user, ct)).ToOk());
        me.MapPost("/appeals", async (Appeals.FileRequest? body, YiwangDbContext db, CitizenLinks links, IPersonDirectory people, CurrentUser user,
                TimeProvider clock, CancellationToken ct) =>
            (await Appeals.FileAsync(body, db, links, people, user, clock, ct)).ToCreated(a => $"/api/me/appeals/{a.Id}"));
        me.MapPost("/check-ins", async (CheckIns.CheckInRequest? body, YiwangDbContext db, CitizenLinks links, CodeIssuer issuer, CurrentUser user,
                TimeProvider clock, CancellationToken ct) =>
            (await CheckIns.CheckInAsync(body, db, links, issuer, user, clock, ct)).ToOk());

        var officers = app.MapGroup("/api/health-codes/appeals").WithTags("Health codes / 健康码")
            .RequireAuthorization(nameof(Permission.HealthCodesOverride));
        officers.MapGet("", async (string? status, int? page, int? pageSize, YiwangDbContext db, CurrentUser user, IPersonDirectory people,
                JurisdictionDirectory dir, CancellationToken ct) =>
            (await Appeals.QueueAsync(status, page, pageSize, db, user, people, dir, ct)).ToOk());
        officers.MapGet("/{id:guid}", async (Guid id, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, CancellationToken ct) =>
            (await Appeals.GetAsync(id, db, user, people, dir, ct)).ToOk());
        officers.MapPost("/{id:guid}/answer", async (Guid id, Appeals.AnswerRequest? body, YiwangDbContext db, CurrentUser user, IPersonDirectory people,
                TimeProvider clock, CancellationToken ct) =>
            (await Appeals.AnswerAsync(id, body, db, user, people, clock, ct)).ToOk());
        return app;
    }
}
