using System.Diagnostics.CodeAnalysis;

namespace Yiwang.Kernel.Identity;

/// <summary>Outcome of <see cref="ResidentIdentityNumber.Validate"/>.</summary>
/// <param name="Error">The first check that failed, or <see cref="IdNumberError.None"/>.</param>
/// <param name="Normalized">Trimmed number with an upper-case X; only set when valid.</param>
/// <param name="BirthDate">Birth date encoded in the number; only set when valid.</param>
/// <param name="Sex">Sex encoded in the sequence code; only set when valid.</param>
public sealed record IdNumberCheck(IdNumberError Error, string? Normalized, DateOnly? BirthDate, Sex? Sex)
{
    [MemberNotNullWhen(true, nameof(Normalized))]
    public bool IsValid => Error == IdNumberError.None;
}
