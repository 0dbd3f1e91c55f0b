using Yiwang.Kernel.Contracts.People;

namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>
/// Who is served first. A household that cannot go out for itself — a member under quarantine (confirmed case,
/// close contact), living alone in old age, or disabled — is urgent (2); one on low income is vulnerable (1);
/// everyone else is normal (0). The reasons are the flags found, in a fixed order, each once.
/// </summary>
internal static class SupplyPriority
{
    public const int Normal = 0;
    public const int Vulnerable = 1;
    public const int Urgent = 2;

    private static readonly string[] UrgentFlags =
        [nameof(PersonFlagKind.ConfirmedCase), nameof(PersonFlagKind.CloseContact), nameof(PersonFlagKind.ElderlyAlone), nameof(PersonFlagKind.Disabled)];

    private static readonly string[] VulnerableFlags = [nameof(PersonFlagKind.LowIncome)];

    public static (int Priority, IReadOnlyList<string> Reasons) Compute(IEnumerable<PersonSummary> members)
    {
        var flags = members.SelectMany(m => m.ActiveFlags).ToHashSet(StringComparer.Ordinal);
        var reasons = UrgentFlags.Concat(VulnerableFlags).Where(flags.Contains).ToList();
        var priority = UrgentFlags.Any(flags.Contains) ? Urgent : VulnerableFlags.Any(flags.Contains) ? Vulnerable : Normal;
        return (priority, reasons);
    }
}
