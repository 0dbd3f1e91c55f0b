namespace Yiwang.Kernel.Audit;

/// <summary>Who is acting in the current scope (request or CLI run), for the audit log.</summary>
public interface IAuditContext
{
    string Actor { get; }
}
