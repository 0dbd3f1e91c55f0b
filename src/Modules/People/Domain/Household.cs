namespace Yiwang.People.Domain;

/// <summary>A registered household (户): members share an address and a community.</summary>
internal sealed class Household
{
    public Guid Id { get; set; }

    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public string Address { get; set; } = "";

    public Guid? SourceSystemId { get; set; }

    public string? ExternalKey { get; set; }
}
