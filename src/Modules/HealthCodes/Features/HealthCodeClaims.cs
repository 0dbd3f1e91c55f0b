namespace Yiwang.HealthCodes.Features;

/// <summary>The claims a code carries (docs/health-code-format.md).</summary>
internal sealed record HealthCodeClaims(
    string Issuer, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, CodeColour Colour, string Subject, string? Rule = null);
