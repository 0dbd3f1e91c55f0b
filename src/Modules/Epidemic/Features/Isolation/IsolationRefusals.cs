using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>The refusals sites and assignments share.</summary>
internal static class IsolationRefusals
{
    public static Refusal SiteNotFound() => Refusal.NotFound(EpidemicText.Of("Problem.SiteNotFound"));

    public static Refusal RecordNotFound() => Refusal.NotFound(EpidemicText.Of("Problem.RecordNotFound"));

    public static Refusal Full(IsolationSite site) => Refusal.Conflict(EpidemicText.Of("Problem.SiteFull", site.Name, site.Capacity), "site-full");

    public static Refusal Inactive(IsolationSite site) => Refusal.Conflict(EpidemicText.Of("Problem.SiteInactive", site.Name), "site-inactive");

    public static Refusal Ended() => Refusal.Conflict(EpidemicText.Of("Problem.AssignmentEnded"), "assignment-ended");

    public static Refusal Stale() => Refusal.Conflict(EpidemicText.Of("Problem.Stale"), "stale");

    public static Refusal AlreadyAssigned() => Refusal.Conflict(EpidemicText.Of("Problem.AlreadyAssigned"), "already-assigned");
}
