using System.Security.Cryptography;
using System.Text;

namespace Yiwang.Kernel.Accounts;

/// <summary>API key format <c>yw_PREFIX_SECRET</c>: the prefix locates the client, only the key's SHA-256 is stored.</summary>
public static class ApiKeys
{
    public const string HeaderName = "X-Api-Key";

    public static (string Key, string Prefix, string Hash) Create()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var key = $"yw_{prefix}_{secret}";
        return (key, prefix, Hash(key));
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool TryParsePrefix(string? key, out string prefix)
    {
        prefix = "";
        if (key is null || key.Length > 200 || !key.StartsWith("yw_", StringComparison.Ordinal))
        {
            return false;
        }

        var end = key.IndexOf('_', 3);
        if (end <= 3)
        {
            return false;
        }

        prefix = key[3..end];
        return true;
    }

    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
