using Yiwang.HealthCodes.Features;

namespace Yiwang.HealthCodes.Domain;

internal enum ScanMode
{
    /// <summary>The scanner page verified offline and uploaded the scan in a batch.</summary>
    Batch,

    Online,

    /// <summary>A citizen scanned the venue's poster (场所码) and checked in with their own code.</summary>
    CheckIn,
}

/// <summary>Holds the pseudonymous subject token, never a name. The id is chosen by the scanner, so an upload sent
/// twice stores each scan once. Deleted after the retention period.</summary>
internal sealed class Scan
{
    /// <summary>Length of a subject token: base64url of an HMAC-SHA256.</summary>
    public const int SubjectLength = 43;

    public Guid Id { get; set; }

    public Guid VenueId { get; set; }

    /// <summary>The code's subject token (claim yw.s), re-verified by the server from the signed code.</summary>
    public string Subject { get; set; } = "";

    /// <summary>When the scanner read the code (within the code's validity).</summary>
    public DateTimeOffset ScannedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public CodeColour Colour { get; set; }

    public string Kid { get; set; } = "";

    public ScanMode Mode { get; set; }
}

/// <summary>Written when a code is first issued; only the server holds the secret, venues see tokens only.</summary>
internal sealed class SubjectLink
{
    public string Subject { get; set; } = "";

    public Guid PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
