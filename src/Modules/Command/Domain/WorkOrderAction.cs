namespace Yiwang.Command.Domain;

/// <summary>What can be done to a work order.</summary>
internal enum WorkOrderAction
{
    Accept,
    Complete,
    Cancel,
    Escalate,
}
