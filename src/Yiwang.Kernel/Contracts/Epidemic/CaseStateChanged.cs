namespace Yiwang.Kernel.Contracts.Epidemic;

/// <summary>
/// Published by the Epidemic module whenever a four-category record is created or moves (hand entry, the registry
/// feed, a release): the health-code rules colour people by these states without knowing the Epidemic module.
/// </summary>
/// <param name="CaseId">The record.</param>
/// <param name="PersonId">Its person.</param>
/// <param name="DiseaseCode">Disease ("covid19").</param>
/// <param name="State">The new state code ("confirmed", "released", …).</param>
/// <param name="Category">Its category (Confirmed, Suspected, CloseContact, FeverPatient), or empty when none.</param>
/// <param name="Closed">The state is terminal.</param>
/// <param name="CommunityCode">Where the person lives, when known.</param>
/// <param name="At">When the state was entered.</param>
public sealed record CaseStateChanged(
    Guid CaseId, Guid PersonId, string DiseaseCode, string State, string Category, bool Closed, string? CommunityCode, DateTimeOffset At)
{
    public const string Topic = "epidemic.case-state-changed";
}
