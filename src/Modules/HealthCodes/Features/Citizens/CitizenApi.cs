using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Access;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>The citizen side's endpoints (docs/citizen-health-code.md) and the officers' appeal queue.</summary>
internal static class CitizenApi
{
    public static IEndpointRouteBuilder MapCitizenApi(this IEndpointRouteBuilder app)
    {
        var citizen = app.MapGroup("/api/citizen").WithTags("Citizens / 市民");
        // JSON only, as the sign-in API: a cross-site form cannot send it, so it needs no anti-forgery token.
        citizen.MapPost("/register", Registration.RegisterAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Venues.VenuesSetup.RegisterRateLimitPolicy);
        citizen.MapPost("/bind", Registration.BindAsync).RequireAuthorization(nameof(Permission.HealthCodesSelf)).RequireRateLimiting(Venues.VenuesSetup.RegisterRateLimitPolicy);

        var me = app.MapGroup("/api/me").WithTags("Citizens / 市民").RequireAuthorization(nameof(Permission.HealthCodesSelf));
        me.MapGet("/health-code", MyCode.GetAsync);
        me.MapGet("/history", MyCode.HistoryAsync);
        me.MapGet("/declarations", Declarations.ListAsync);
        me.MapPost("/declarations", Declarations.CreateAsync);
        me.MapGet("/appeals", Appeals.MineAsync);
        me.MapPost("/appeals", Appeals.FileAsync);
        me.MapPost("/check-ins", CheckIns.CheckInAsync);

        var officers = app.MapGroup("/api/health-codes/appeals").WithTags("Health codes / 健康码")
            .RequireAuthorization(nameof(Permission.HealthCodesOverride));
        officers.MapGet("", Appeals.QueueAsync);
        officers.MapGet("/{id:guid}", Appeals.GetAsync);
        officers.MapPost("/{id:guid}/answer", Appeals.AnswerAsync);
        return app;
    }
}
