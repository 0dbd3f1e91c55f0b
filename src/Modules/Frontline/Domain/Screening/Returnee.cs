namespace Yiwang.Frontline.Domain.Screening;

/// <summary>
/// A person on the key-region returnees list (重点地区返回人员): came from a designated key region on an arrival
/// date. Matches screening events only during the observation window after arrival. Never holds the identity
/// number: the registry's person id and the community are enough.
/// </summary>
internal sealed class Returnee
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The person's community in the registry (12 digits), for scope and for the verification order.</summary>
    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public string RegionName { get; set; } = "";

    public DateOnly ArrivalDate { get; set; }

    /// <summary>Vehicle plate as normalised (upper case, no spaces or dots), if the person came by car.</summary>
    public string? VehiclePlate { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}
