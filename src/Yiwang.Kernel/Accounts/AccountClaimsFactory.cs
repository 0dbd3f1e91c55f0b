using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Yiwang.Kernel.Access;

namespace Yiwang.Kernel.Accounts;

/// <summary>Puts role and jurisdiction into the sign-in cookie so scope checks need no database round trip.</summary>
internal sealed class AccountClaimsFactory(UserManager<Account> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(YiwangClaims.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(YiwangClaims.Jurisdiction, user.JurisdictionCode));
        identity.AddClaim(new Claim(YiwangClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
