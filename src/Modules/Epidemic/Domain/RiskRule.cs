using Yiwang.Kernel.Contracts.Epidemic;

namespace Yiwang.Epidemic.Domain;

/// <summary>Records entering a state of <see cref="CountCategory"/> in the last <see cref="WindowDays"/> days: from
/// <see cref="MediumAt"/> medium, from <see cref="HighAt"/> high.</summary>
internal sealed record RiskRule(int WindowDays = 14, int MediumAt = 1, int HighAt = 10, CaseCategory CountCategory = CaseCategory.Confirmed);
