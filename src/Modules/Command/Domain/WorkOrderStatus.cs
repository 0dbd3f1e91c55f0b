namespace Yiwang.Command.Domain;

/// <summary>Where a work order stands.</summary>
internal enum WorkOrderStatus
{
    Open,
    InProgress,
    Done,

    /// <summary>Withdrawn by the dispatcher (with a reason).</summary>
    Cancelled,
}
