namespace Yiwang.Kernel.Audit;

public interface IAuditContext
{
    string Actor { get; }
}
