using Yiwang.Kernel.Contracts.Epidemic;

namespace Yiwang.Epidemic.Domain;

/// <summary>
/// How a unit's risk grade is computed each day: records that entered a state of <see cref="CountCategory"/> in
/// the last <see cref="WindowDays"/> days; at least <see cref="MediumAt"/> is medium, at least
/// <see cref="HighAt"/> is high. A township takes the highest grade of its communities or its own total, whichever
/// is higher.
/// </summary>
internal sealed record RiskRule(int WindowDays = 14, int MediumAt = 1, int HighAt = 10, CaseCategory CountCategory = CaseCategory.Confirmed);
