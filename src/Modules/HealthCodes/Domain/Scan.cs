using Yiwang.HealthCodes.Features;

namespace Yiwang.HealthCodes.Domain;

/// <summary>How a scan reached the server.</summary>
internal enum ScanMode
{
    /// <summary>The scanner page verified offline and uploaded the scan in a batch.</summary>
    Batch,

    /// <summary>The server-side verify-and-record endpoint.</summary>
    Online,

    /// <summary>A citizen scanned the venue's poster (场所码) and checked in with their own code.</summary>
    CheckIn,
}

/// <summary>
/// One admitted code at one venue: who (the pseudonymous subject token from the code, never a name), where, when and
/// the colour the code showed. The id is chosen by the scanner, so an upload sent twice stores each scan once.
/// Deleted after the retention period (21 days by default).
/// </summary>
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

    /// <summary>The key that signed the code.</summary>
    public string Kid { get; set; } = "";

    public ScanMode Mode { get; set; }
}

/// <summary>
/// Which person a subject token stands for, written when a code is first issued to the person: tracing turns the
/// tokens at a venue back into persons. Only the server holds the secret; venues see tokens only.
/// </summary>
internal sealed class SubjectLink
{
    public string Subject { get; set; } = "";

    public Guid PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
