using Yiwang.Kernel.Access;

namespace Yiwang.Kernel.Accounts;

/// <summary>A machine client (source system, venue scanner); only the key's SHA-256 is stored, found by its prefix.</summary>
public sealed class ApiClient
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public AccountRole Role { get; set; }

    public string JurisdictionCode { get; set; } = "";

    public string KeyPrefix { get; set; } = "";

    public string KeyHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
