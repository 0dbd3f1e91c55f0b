using Microsoft.AspNetCore.Identity;
using Yiwang.Kernel.Access;

namespace Yiwang.Kernel.Accounts;

/// <summary>A person who signs in. Staff accounts are bound to one jurisdiction unit.</summary>
public sealed class Account : IdentityUser
{
    public AccountRole Role { get; set; }

    /// <summary>NBS code of the unit whose subtree this account sees (6, 9 or 12 digits); empty for citizens.</summary>
    public string JurisdictionCode { get; set; } = "";

    public string DisplayName { get; set; } = "";
}
