using System.Linq.Expressions;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Kernel.Access;

/// <summary>
/// Jurisdiction scope as a query filter, for any table that stores unit codes: the one implementation every module's
/// lists and lookups go through. Codes nest by prefix (420116 ⊃ 420116001 ⊃ 420116001001).
/// </summary>
public static class ScopeFilter
{
    /// <summary>
    /// Rows that store a street and a community code: the district sees all, a township its street code, a community
    /// its community code — equality on an indexed column, never a LIKE. <see cref="AccessScope.None"/> sees nothing.
    /// </summary>
    public static IQueryable<T> InScope<T>(
        this IQueryable<T> q, AccessScope scope, Expression<Func<T, string>> streetCode, Expression<Func<T, string>> communityCode) =>
        scope == AccessScope.None ? q.Where(_ => false)
        : scope.Level switch
        {
            JurisdictionLevel.District => q,
            JurisdictionLevel.Street => q.Where(Equal(streetCode, scope.Code)),
            _ => q.Where(Equal(communityCode, scope.Code)),
        };

    /// <summary>
    /// Whether a scope covers one person or record by its community code; those without a community (address unknown)
    /// are the district's alone. The single-row form of <see cref="InScope{T}"/>.
    /// </summary>
    public static bool Sees(AccessScope scope, string? communityCode) =>
        scope.Level == JurisdictionLevel.District ? scope != AccessScope.None : scope.Contains(communityCode);

    /// <summary>Whether a scope covers a person of the registry (false when there is none).</summary>
    public static bool Sees(AccessScope scope, Contracts.People.PersonSummary? person) => person is not null && Sees(scope, person.CommunityCode);

    /// <summary>Rows that store one unit code at any level: those at or below the scope's unit.</summary>
    public static IQueryable<T> UnderScope<T>(this IQueryable<T> q, AccessScope scope, Expression<Func<T, string>> unitCode) =>
        scope == AccessScope.None ? q.Where(_ => false) : q.UnderUnit(scope.Code, unitCode);

    /// <summary>
    /// Rows whose unit code starts with <paramref name="code"/>, as an index range: codes are digits, so "starts with
    /// 420116001" is "&gt;= 420116001 and &lt; 420116002" — a range scan on any collation, where PostgreSQL's LIKE
    /// under a non-C collation cannot use the index.
    /// </summary>
    public static IQueryable<T> UnderUnit<T>(this IQueryable<T> q, string code, Expression<Func<T, string>> unitCode)
    {
        Expression Compare(string bound) => Expression.Call(CompareMethod, unitCode.Body, Captured(bound));
        var body = Expression.AndAlso(
            Expression.GreaterThanOrEqual(Compare(code), Expression.Constant(0)),
            Expression.LessThan(Compare(UpperBound(code)), Expression.Constant(0)));
        return q.Where(Expression.Lambda<Func<T, bool>>(body, unitCode.Parameters));
    }

    /// <summary>The first code after every code that starts with <paramref name="prefix"/> (digits only).</summary>
    public static string UpperBound(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
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

    private static readonly System.Reflection.MethodInfo CompareMethod = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    private static Expression<Func<T, bool>> Equal<T>(Expression<Func<T, string>> column, string code) =>
        Expression.Lambda<Func<T, bool>>(Expression.Equal(column.Body, Captured(code)), column.Parameters);

    // Through a captured holder, as a closure would be: the provider sends the code as a parameter, so one plan serves
    // every unit.
    private static MemberExpression Captured(string code) => Expression.Property(Expression.Constant(new Code(code)), nameof(Code.Value));

    private sealed record Code(string Value);
}
