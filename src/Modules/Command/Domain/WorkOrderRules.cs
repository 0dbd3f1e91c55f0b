using Yiwang.Command.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Command.Domain;

/// <summary>
/// The work order's state machine: Open → InProgress (accept) → Done (complete); Open or InProgress → Cancelled
/// (cancel, by the dispatcher); Open or InProgress stay where they are when escalated. Done and Cancelled are final.
/// </summary>
internal static class WorkOrderRules
{
    public static bool IsOpen(WorkOrderStatus s) => s is WorkOrderStatus.Open or WorkOrderStatus.InProgress;

    /// <summary>Null when the action is allowed in this state, otherwise a 409 with a code clients depend on.</summary>
    public static Refusal? Check(WorkOrderStatus status, WorkOrderAction action) => (status, action) switch
    {
        (WorkOrderStatus.Open, WorkOrderAction.Accept) => null,
        (WorkOrderStatus.InProgress, WorkOrderAction.Accept) => Conflict("already-accepted", "Refusal.AlreadyAccepted"),
        (WorkOrderStatus.InProgress, WorkOrderAction.Complete) => null,
        (WorkOrderStatus.Open, WorkOrderAction.Complete) => Conflict("not-accepted", "Refusal.NotAccepted"),
        (WorkOrderStatus.Open or WorkOrderStatus.InProgress, WorkOrderAction.Cancel or WorkOrderAction.Escalate) => null,
        (WorkOrderStatus.Done, _) => Conflict("already-done", "Refusal.AlreadyDone"),
        (WorkOrderStatus.Cancelled, _) => Conflict("cancelled", "Refusal.Cancelled"),
        _ => Conflict("illegal-transition", "Refusal.IllegalTransition"),
    };

    /// <summary>Where an overdue order goes: community → its township → the district; the district keeps it.</summary>
    public static string EscalationTarget(string unitCode) => unitCode.Length switch
    {
        12 => unitCode[..9],
        9 => unitCode[..6],
        _ => unitCode,
    };

    public static bool IsOverdue(WorkOrder w, DateTimeOffset now) => IsOpen(w.Status) && w.DueAt < now;

    private static Refusal Conflict(string code, string key) => Refusal.Conflict(CommandText.Of(key), code);
}
