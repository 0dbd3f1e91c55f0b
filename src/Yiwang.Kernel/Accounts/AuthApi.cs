using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Kernel.Accounts;

internal static class AuthApi
{
    public sealed record LoginRequest([property: Required] string UserName, [property: Required] string Password);

    public sealed record Me(string UserName, string Role, string JurisdictionCode, IReadOnlyList<string> Permissions);

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/auth").WithTags("Auth / 登录");
        g.MapPost("/login", async (LoginRequest request, SignInManager<Account> signIn, UserManager<Account> users) =>
            (await LoginAsync(request, signIn, users)).ToOk()).AllowAnonymous().DisableAntiforgery();
        g.MapPost("/logout", LogoutAsync).RequireAuthorization();
        g.MapGet("/me", GetMe).RequireAuthorization();
        return g;
    }

    internal static async Task<Result<Me>> LoginAsync(
        LoginRequest request, SignInManager<Account> signIn, UserManager<Account> users)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password) || request.UserName.Length > 64)
        {
            return Refusal.BadRequest(Words("Auth.CredentialsMissing"), "credentials-missing");
        }

        var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return new Refusal(StatusCodes.Status423Locked, "account-locked", Words("Auth.Locked"));
        }

        if (!result.Succeeded)
        {
            return new Refusal(StatusCodes.Status401Unauthorized, "bad-credentials", Words("Auth.BadCredentials"));
        }

        var account = await users.FindByNameAsync(request.UserName);
        return ToMe(account!.UserName!, account.Role, account.JurisdictionCode);
    }

    private static async Task<NoContent> LogoutAsync(SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static Ok<Me> GetMe(CurrentUser user) =>
        TypedResults.Ok(ToMe(user.Name, user.Role ?? AccountRole.Citizen, user.Scope == AccessScope.None ? "" : user.Scope.Code));

    private static Text Words(string key) => new(typeof(Localization.UiText), key);

    private static Me ToMe(string name, AccountRole role, string code) =>
        new(name, role.ToString(), code, [.. RolePermissions.Of(role).Select(p => p.ToString())]);
}
