namespace Yiwang.HealthCodes.Domain;

/// <summary>Scanners authenticate with the venue's key (only a hash is stored); the poster (场所码) carries <see cref="Code"/>.</summary>
internal sealed class Venue
{
    public Guid Id { get; set; }

    /// <summary>Public short code printed on the poster and used in URLs (e.g. "V7K2M9QX"), unique.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string Address { get; set; } = "";

    public string Kind { get; set; } = "";

    /// <summary>The community (12 digits) the venue is in: scope goes by it.</summary>
    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    /// <summary>SHA-256 of the venue key, hex; the key itself is shown once when issued.</summary>
    public string KeyHash { get; set; } = "";

    public string KeyHint { get; set; } = "";

    public DateTimeOffset KeyIssuedAt { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public uint Version { get; set; }
}

/// <summary>A citizen account's link to its person in the registry (real-name binding, 实名认证).</summary>
internal sealed class CitizenLink
{
    public string UserName { get; set; } = "";

    public Guid PersonId { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
}
