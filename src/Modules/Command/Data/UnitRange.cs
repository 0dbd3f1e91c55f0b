using Yiwang.Command.Domain;
using Yiwang.Kernel.Access;

namespace Yiwang.Command.Data;

/// <summary>
/// A jurisdiction subtree as an index range: codes are digits and nest by prefix, so "starts with 420116001" is
/// "&gt;= 420116001 and &lt; 420116002" — a range scan on any collation, unlike LIKE on PostgreSQL.
/// </summary>
internal static class UnitRange
{
    /// <summary>The first code after every code that starts with <paramref name="prefix"/> (digits only).</summary>
    public static string UpperBound(string prefix)
    {
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] < '9')
            {
                chars[i]++;
                return new string(chars, 0, i + 1);
            }
        }

        return prefix + "~";
    }

    public static IQueryable<WorkOrder> UnitIn(this IQueryable<WorkOrder> q, AccessScope scope)
    {
        if (scope == AccessScope.None)
        {
            return q.Where(_ => false);
        }

        var lo = scope.Code;
        var hi = UpperBound(lo);
#pragma warning disable CA1309 // translated to SQL >= and < on digit-only codes, never compared in .NET
        return q.Where(w => string.Compare(w.UnitCode, lo) >= 0 && string.Compare(w.UnitCode, hi) < 0);
#pragma warning restore CA1309
    }

    public static IQueryable<WorkOrder> OriginalUnitUnder(this IQueryable<WorkOrder> q, string code)
    {
        var hi = UpperBound(code);
#pragma warning disable CA1309 // translated to SQL >= and < on digit-only codes, never compared in .NET
        return q.Where(w => string.Compare(w.OriginalUnitCode, code) >= 0 && string.Compare(w.OriginalUnitCode, hi) < 0);
#pragma warning restore CA1309
    }
}
