namespace Yiwang.Kernel.Audit;

/// <summary>An audit entry a use case asks for explicitly (reads with a reason, bulk work), written with the next save.</summary>
public sealed record AuditRecord(string Action, string EntityType, string? EntityId, string? Details, string? Reason = null);
