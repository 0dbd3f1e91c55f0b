using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Yiwang.Kernel.Audit;

namespace Yiwang.Kernel.Access;

/// <summary>The signed-in account of this request (or the CLI operator), its role and its scope.</summary>
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

    /// <summary>Who the audit log names: the account, else the operator set by the CLI, else "system".</summary>
    public string Actor => IsAuthenticated ? Name : _overrideActor ?? "system";

    /// <summary>Used by CLI verbs and start-up work, which run outside a request.</summary>
    public void ActAs(string actor) => _overrideActor = actor;
}
