using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Contracts.Command;

/// <summary>
/// A request for work from one module to a unit (工单), e.g. "follow up a missed health check", "verify a returnee".
/// </summary>
/// <param name="Module">The requesting module ("epidemic", "frontline", …).</param>
/// <param name="Kind">What kind of work, stable token ("monitoring-missed", "returnee-verification", …).</param>
/// <param name="DedupKey">Same module + key = same work order: asking twice dispatches once.</param>
/// <param name="UnitCode">The responsible unit (jurisdiction code: district, township or community).</param>
/// <param name="TitleZh">Title in Chinese.</param>
/// <param name="TitleEn">Title in English.</param>
/// <param name="DueAt">When it must be done; overdue work escalates to the parent unit.</param>
/// <param name="SubjectType">What it is about ("person", "case", "sighting", …), optional.</param>
/// <param name="SubjectId">Id of that subject, optional.</param>
/// <param name="Detail">Free text shown to the unit (no identity numbers).</param>
public sealed record WorkOrderRequest(
    string Module, string Kind, string DedupKey, string UnitCode, string TitleZh, string TitleEn, DateTimeOffset DueAt,
    string? SubjectType = null, string? SubjectId = null, string? Detail = null);

/// <summary>
/// The Command module's work-order service for every other module. <see cref="DispatchAsync"/> adds the order to
/// the caller's <see cref="YiwangDbContext"/> without saving: the caller's own save commits it together with the
/// change that caused it (one transaction, one audit chain), or neither.
/// </summary>
public interface IWorkOrderDispatcher
{
    /// <returns>The work order's id (an existing one when the module + dedup key was already dispatched).</returns>
    Task<Guid> DispatchAsync(YiwangDbContext db, WorkOrderRequest request, CancellationToken ct);
}
