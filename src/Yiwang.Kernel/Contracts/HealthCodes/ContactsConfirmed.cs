namespace Yiwang.Kernel.Contracts.HealthCodes;

/// <summary>
/// Published by the HealthCodes module when a health officer confirms persons found by exposure tracing as close
/// contacts of a confirmed case: the Epidemic module opens (or moves) their close-contact records, which then drive
/// their colours through the rules.
/// </summary>
/// <param name="TracingId">The tracing the confirmation came from (the reason on each record).</param>
/// <param name="IndexPersonId">The confirmed case.</param>
/// <param name="PersonIds">The confirmed contacts.</param>
/// <param name="Actor">Who confirmed.</param>
/// <param name="At">When.</param>
public sealed record ContactsConfirmed(Guid TracingId, Guid IndexPersonId, IReadOnlyList<Guid> PersonIds, string Actor, DateTimeOffset At)
{
    public const string Topic = "healthcodes.contacts-confirmed";
}
