namespace Yiwang.Kernel.Security;

/// <summary>One ASP.NET Core Data Protection key (XML), shared by every host through the database.</summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = "";
}
