namespace Yiwang.Kernel.Contracts.People;

/// <summary>
/// Published by the People module when a source gives or takes a flag (a case report, a fever-clinic visit,
/// a civil-affairs list). Epidemic and health-code modules react without People knowing them.
/// </summary>
/// <param name="PersonId">The person in the registry.</param>
/// <param name="Flag">ConfirmedCase, SuspectedCase, CloseContact, FeverPatient, ElderlyAlone, Disabled, LowIncome.</param>
/// <param name="Active">False when the source ended it (case closed, removed from a list).</param>
/// <param name="SourceRecordId">The record that set it: the reason behind any colour or status derived from it.</param>
/// <param name="SourceSystem">Code of the source system, or "merge" when a merge moved the flag.</param>
/// <param name="CommunityCode">Where the person lives, when known.</param>
/// <param name="Since">Report, visit or list date.</param>
/// <param name="At">When Yiwang recorded the change.</param>
public sealed record PersonFlagChanged(
    Guid PersonId, string Flag, bool Active, Guid SourceRecordId, string SourceSystem, string? CommunityCode, DateOnly? Since, DateTimeOffset At)
{
    public const string Topic = "people.person-flag-changed";
}
