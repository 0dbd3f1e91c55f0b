using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Web;

namespace Yiwang.Kernel.Accounts;

internal static class AuthApi
{
    public sealed record LoginRequest([property: Required] string UserName, [property: Required] string Password);

    public sealed record Me(string UserName, string Role, string JurisdictionCode, IReadOnlyList<string> Permissions);

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/auth").WithTags("Auth / 登录");
        g.MapPost("/login", LoginAsync).AllowAnonymous().DisableAntiforgery();
        g.MapPost("/logout", LogoutAsync).RequireAuthorization();
        g.MapGet("/me", GetMe).RequireAuthorization();
        return g;
    }

    internal static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<Account> signIn, UserManager<Account> users)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password) || request.UserName.Length > 64)
        {
            return Problems.Status(400, "请输入用户名和密码", "User name and password are required", "credentials-missing");
        }

        var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Problems.Status(StatusCodes.Status423Locked,
                "登录失败次数过多，账号已暂时锁定，请 15 分钟后再试",
                "Too many failed sign-ins: the account is locked for 15 minutes", "account-locked");
        }

        if (!result.Succeeded)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "用户名或密码错误", "Wrong user name or password", "bad-credentials");
        }

        var account = await users.FindByNameAsync(request.UserName);
        return TypedResults.Ok(ToMe(account!.UserName!, account.Role, account.JurisdictionCode));
    }

    private static async Task<NoContent> LogoutAsync(SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static Ok<Me> GetMe(CurrentUser user) =>
        TypedResults.Ok(ToMe(user.Name, user.Role ?? AccountRole.Citizen, user.Scope == AccessScope.None ? "" : user.Scope.Code));

    private static Me ToMe(string name, AccountRole role, string code) =>
        new(name, role.ToString(), code, [.. RolePermissions.Of(role).Select(p => p.ToString())]);
}
