using Yiwang.Kernel.Contracts.Epidemic;

namespace Yiwang.Epidemic.Domain;

/// <summary>One state of a four-category record, e.g. "observation-centralised" (a close contact in a quarantine hotel).</summary>
/// <param name="Code">Stable token, lower-case with dashes.</param>
/// <param name="Terminal">Closed: released, excluded, recovered, deceased. No way out.</param>
/// <param name="Monitoring">People in this state get daily health monitoring (missed check-ins raise work orders).</param>
/// <param name="Isolation">Where people in this state stay: "centralised", "home", "hospital", or none.</param>
/// <param name="Phase">States of one phase share its clock: moving from centralised to home observation does not
/// restart the 14 days. Defaults to the state's own code.</param>
internal sealed record StateDefinition(
    string Code, CaseCategory Category, string Zh, string En, bool Terminal = false, bool Monitoring = false, string? Isolation = null,
    string? Phase = null)
{
    public string PhaseCode => Phase ?? Code;
}
