namespace Yiwang.HealthCodes.Features;

/// <summary>The outcome of verifying a QR text: the claims, or a stable refusal reason code.</summary>
internal sealed record VerifyResult(HealthCodeClaims? Claims, string? Reason, string? Kid)
{
    public bool Valid => Claims is not null;
}
