using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Accounts;

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    YiwangDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var key = values.ToString();
        if (!ApiKeys.TryParsePrefix(key, out var prefix))
        {
            return AuthenticateResult.Fail("Malformed API key");
        }

        var client = await db.ApiClients.AsNoTracking()
            .FirstOrDefaultAsync(c => c.KeyPrefix == prefix && c.RevokedAt == null, Context.RequestAborted);
        if (client is null || !ApiKeys.Matches(key, client.KeyHash))
        {
            return AuthenticateResult.Fail("Unknown or revoked API key");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "api:" + client.Name),
                new Claim(YiwangClaims.Role, client.Role.ToString()),
                new Claim(YiwangClaims.Jurisdiction, client.JurisdictionCode),
                new Claim(YiwangClaims.DisplayName, client.Name),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
