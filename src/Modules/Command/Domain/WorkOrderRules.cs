namespace Yiwang.Command.Domain;

/// <summary>What can be done to a work order.</summary>
internal enum WorkOrderAction
{
    Accept,
    Complete,
    Cancel,
    Escalate,
}

/// <summary>
/// The work order's state machine: Open → InProgress (accept) → Done (complete); Open or InProgress → Cancelled
/// (cancel, by the dispatcher); Open or InProgress stay where they are when escalated. Done and Cancelled are final.
/// </summary>
internal static class WorkOrderRules
{
    /// <summary>A refusal with its stable code and bilingual reason.</summary>
    internal sealed record Refusal(string Code, string Zh, string En);

    public static bool IsOpen(WorkOrderStatus s) => s is WorkOrderStatus.Open or WorkOrderStatus.InProgress;

    /// <summary>Null when the action is allowed in this state, otherwise why not.</summary>
    public static Refusal? Check(WorkOrderStatus status, WorkOrderAction action) => (status, action) switch
    {
        (WorkOrderStatus.Open, WorkOrderAction.Accept) => null,
        (WorkOrderStatus.InProgress, WorkOrderAction.Accept) =>
            new("already-accepted", "工单已被接收", "The work order has already been accepted"),
        (WorkOrderStatus.InProgress, WorkOrderAction.Complete) => null,
        (WorkOrderStatus.Open, WorkOrderAction.Complete) =>
            new("not-accepted", "工单尚未接收，请先接收再办结", "Accept the work order before completing it"),
        (WorkOrderStatus.Open or WorkOrderStatus.InProgress, WorkOrderAction.Cancel or WorkOrderAction.Escalate) => null,
        (WorkOrderStatus.Done, _) => new("already-done", "工单已办结，不能再更改", "The work order is done and can no longer change"),
        (WorkOrderStatus.Cancelled, _) => new("cancelled", "工单已撤销，不能再更改", "The work order was cancelled and can no longer change"),
        _ => new("illegal-transition", "当前状态下不允许此操作", "This action is not allowed in the current state"),
    };

    /// <summary>Where an overdue order goes: community → its township → the district; the district keeps it.</summary>
    public static string EscalationTarget(string unitCode) => unitCode.Length switch
    {
        12 => unitCode[..9],
        9 => unitCode[..6],
        _ => unitCode,
    };

    /// <summary>Open work past its due time.</summary>
    public static bool IsOverdue(WorkOrder w, DateTimeOffset now) => IsOpen(w.Status) && w.DueAt < now;
}
