using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Features;

/// <summary>
/// The one length check of a record's reason (the column holds 500). Creating a record reports it as a field error,
/// moving one as a refusal with its own code: two shapes of one rule.
/// </summary>
internal static class CaseReason
{
    public const int MaxLength = 500;

    public static Text? TooLong(string? reason) => reason is { Length: > MaxLength } ? EpidemicText.Of("Problem.ReasonTooLong") : null;
}
