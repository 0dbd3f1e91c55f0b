using Microsoft.AspNetCore.Identity;
using Yiwang.Kernel.Access;

namespace Yiwang.Kernel.Accounts;

public sealed class Account : IdentityUser
{
    public AccountRole Role { get; set; }

    /// <summary>The unit whose subtree this account sees; empty for citizens.</summary>
    public string JurisdictionCode { get; set; } = "";

    public string DisplayName { get; set; } = "";
}
