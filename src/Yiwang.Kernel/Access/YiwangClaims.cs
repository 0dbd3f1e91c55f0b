namespace Yiwang.Kernel.Access;

/// <summary>Claim types Yiwang puts into every principal, whether it signed in with a password or an API key.</summary>
public static class YiwangClaims
{
    public const string Role = "yw:role";
    public const string Jurisdiction = "yw:jurisdiction";
    public const string DisplayName = "yw:display-name";
}
