using Yiwang.Kernel.Access;

namespace Yiwang.Kernel.Accounts;

/// <summary>
/// A machine client (source system, venue scanner) that calls the API with a key. Only a SHA-256 hash of
/// the secret is stored; the prefix finds the row without scanning.
/// </summary>
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
