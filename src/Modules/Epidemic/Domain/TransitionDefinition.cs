namespace Yiwang.Epidemic.Domain;

/// <summary>A legal move between two states, with its conditions.</summary>
/// <param name="MinDaysInState">Whole days the record must have spent in the phase of <paramref name="From"/> (e.g. the 14-day observation).</param>
/// <param name="RequiredNegativeTests">Negative tests sampled since entering that phase that the move needs.</param>
/// <param name="ReasonRequired">A human must write why (e.g. excluding a suspected case).</param>
internal sealed record TransitionDefinition(
    string From, string To, int MinDaysInState = 0, int RequiredNegativeTests = 0, bool ReasonRequired = false);
