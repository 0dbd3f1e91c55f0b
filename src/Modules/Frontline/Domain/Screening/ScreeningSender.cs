namespace Yiwang.Frontline.Domain.Screening;

/// <summary>The kinds of external systems that send match events (Yiwang itself does no biometrics).</summary>
internal enum ScreeningSystemKind
{
    /// <summary>Face recognition run by the police, matching identity numbers they enrolled.</summary>
    Face,

    /// <summary>Licence-plate recognition.</summary>
    Plate,

    /// <summary>Door-access (门禁) systems of residential communities.</summary>
    Door,
}

/// <summary>
/// An external system allowed to post to the screening webhook, with its ECDSA P-256 public key (SubjectPublicKeyInfo,
/// DER). Only the sender holds the private key: a leaked database cannot forge events.
/// </summary>
internal sealed class ScreeningSender
{
    public Guid Id { get; set; }

    /// <summary>The value of the X-Yiwang-Sender header, e.g. "gaj-face-01".</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public ScreeningSystemKind Kind { get; set; }

    public byte[] PublicKey { get; set; } = [];

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>A nonce a sender used, kept until its timestamp can no longer pass the freshness check (bookkeeping).</summary>
internal sealed class ScreeningNonce
{
    public long Id { get; set; }

    public Guid SenderId { get; set; }

    public string Nonce { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// 比对记录: a returnee seen by a screening system. Used for returnee verification only; every read is audited;
/// deleted after the retention period (14 days by default).
/// </summary>
internal sealed class Sighting
{
    public const string PurposeReturneeScreening = "returnee-screening";

    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public Guid ReturneeId { get; set; }

    public Guid SenderId { get; set; }

    /// <summary>The sender's own event id: the same event sent twice is stored once.</summary>
    public string EventId { get; set; } = "";

    public ScreeningSystemKind Source { get; set; }

    public string DeviceId { get; set; } = "";

    public string? Location { get; set; }

    public Guid? CheckpointId { get; set; }

    public DateTimeOffset SeenAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string Purpose { get; set; } = PurposeReturneeScreening;

    public Guid WorkOrderId { get; set; }
}
