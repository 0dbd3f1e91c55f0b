using System.Diagnostics.CodeAnalysis;

namespace Yiwang.Kernel.Identity;

/// <summary>Normalized (trimmed, upper-case X), BirthDate and Sex are set only when valid.</summary>
public sealed record IdNumberCheck(IdNumberError Error, string? Normalized, DateOnly? BirthDate, Sex? Sex)
{
    [MemberNotNullWhen(true, nameof(Normalized))]
    public bool IsValid => Error == IdNumberError.None;
}
