using Yiwang.Command.Domain;
using Yiwang.Kernel.Access;

namespace Yiwang.Command.Data;

/// <summary>Work orders of a jurisdiction subtree, as index ranges (<see cref="ScopeFilter.UnderUnit"/>).</summary>
internal static class UnitRange
{
    public static IQueryable<WorkOrder> UnitIn(this IQueryable<WorkOrder> q, AccessScope scope) => q.UnderScope(scope, w => w.UnitCode);

    public static IQueryable<WorkOrder> OriginalUnitUnder(this IQueryable<WorkOrder> q, string code) => q.UnderUnit(code, w => w.OriginalUnitCode);
}
