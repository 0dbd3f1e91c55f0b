using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Yiwang.Kernel.Audit;

namespace Yiwang.Kernel.Access;

public sealed class CurrentUser : IAuditContext
{
    private readonly IHttpContextAccessor _http;
    private string? _overrideActor;

    public CurrentUser(IHttpContextAccessor http) => _http = http;

    private ClaimsPrincipal? Principal => _http.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public string Name => Principal?.Identity?.Name ?? "";

    public AccountRole? Role =>
        Enum.TryParse<AccountRole>(Principal?.FindFirstValue(YiwangClaims.Role), out var r) ? r : null;

    public AccessScope Scope
    {
        get
        {
            var code = Principal?.FindFirstValue(YiwangClaims.Jurisdiction);
            return string.IsNullOrEmpty(code) ? AccessScope.None : AccessScope.ForCode(code);
        }
    }

    public bool Has(Permission permission) => Role is { } r && RolePermissions.Has(r, permission);

    public string Actor => IsAuthenticated ? Name : _overrideActor ?? "system";

    public void ActAs(string actor) => _overrideActor = actor;
}
