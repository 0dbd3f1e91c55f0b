using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Kernel;

public static class KernelModule
{
    public static WebApplicationBuilder AddKernel(this WebApplicationBuilder builder)
    {
        // Read when first resolved, not now: hosts and test factories may still add configuration after this.
        builder.Services.AddSingleton(sp => DatabaseOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<YiwangDbContext>((sp, o) => sp.GetRequiredService<DatabaseOptions>().Apply(o));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<IAuditContext>(sp => sp.GetRequiredService<CurrentUser>());
        builder.Services.AddSingleton<JurisdictionDirectory>();
        builder.Services.AddSingleton<Events.OutboxDispatcher>();
        if (builder.Configuration.GetValue("Yiwang:Outbox:Enabled", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Events.OutboxDispatcher>());
        }

        builder.Services.AddDataProtection().SetApplicationName("Yiwang");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new Security.DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        builder.Services.AddSingleton<Jobs.JobScheduler>();
        if (builder.Configuration.GetValue("Yiwang:Jobs:Enabled", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Jobs.JobScheduler>());
        }

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = "Yiwang";
                o.DefaultChallengeScheme = "Yiwang";
            })
            .AddPolicyScheme("Yiwang", "Cookie or API key", o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.Headers.ContainsKey(ApiKeys.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/login";
                c.LogoutPath = "/logout";
                c.AccessDeniedPath = "/denied";
                c.Cookie.Name = "yiwang.auth";
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.SlidingExpiration = true;
                c.ExpireTimeSpan = TimeSpan.FromHours(8);
                // APIs answer 401/403 (as ProblemDetails, via status code pages) instead of redirecting to the login page.
                c.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
                c.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            }));

        builder.Services.AddIdentityCore<Account>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<YiwangDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddDefaultTokenProviders();

        builder.Services.AddAuthorization(o =>
        {
            foreach (var p in Enum.GetValues<Permission>())
            {
                o.AddPolicy(p.ToString(), policy => policy.RequireAuthenticatedUser().RequireAssertion(ctx =>
                    Enum.TryParse<AccountRole>(ctx.User.FindFirst(YiwangClaims.Role)?.Value, out var role) && RolePermissions.Has(role, p)));
            }
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapKernelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapJurisdictionApi();
        app.MapAuditApi();
        return app;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
