namespace Yiwang.HealthCodes.Domain;

/// <summary>The private key never leaves the server (PKCS#8 under ASP.NET Data Protection); the public half is published
/// while active and, once retired, until its last code has expired plus a grace.</summary>
internal sealed class SigningKey
{
    /// <summary>Key id: base64url of the 8 bytes carried in the COSE protected header (label 4).</summary>
    public string Kid { get; set; } = "";

    /// <summary>Public point, base64url without padding (JWK <c>x</c> and <c>y</c>).</summary>
    public string X { get; set; } = "";

    public string Y { get; set; } = "";

    /// <summary>PKCS#8 private key protected with Data Protection (purpose <see cref="Features.SigningKeyService.Purpose"/>).</summary>
    public string ProtectedPrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ActivatedAt { get; set; }

    /// <summary>Set when a newer key took over; codes issued after it (plus the skew) are refused.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>A server-side secret (the subject-token HMAC key), protected with Data Protection.</summary>
internal sealed class HealthCodeSecret
{
    public string Name { get; set; } = "";

    public string ProtectedValue { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
