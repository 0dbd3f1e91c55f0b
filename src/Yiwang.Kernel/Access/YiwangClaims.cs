namespace Yiwang.Kernel.Access;

public static class YiwangClaims
{
    public const string Role = "yw:role";
    public const string Jurisdiction = "yw:jurisdiction";
    public const string DisplayName = "yw:display-name";
}
