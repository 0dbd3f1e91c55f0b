using System.Linq.Expressions;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Kernel.Access;

/// <summary>Jurisdiction scope as a query filter: the one implementation every module's lists and lookups go through.</summary>
public static class ScopeFilter
{
    /// <summary>Rows that store a street and a community code: equality on an indexed column, never a LIKE.</summary>
    public static IQueryable<T> InScope<T>(
        this IQueryable<T> q, AccessScope scope, Expression<Func<T, string>> streetCode, Expression<Func<T, string>> communityCode) =>
        scope == AccessScope.None ? q.Where(_ => false)
        : scope.Level switch
        {
            JurisdictionLevel.District => q,
            JurisdictionLevel.Street => q.Where(Equal(streetCode, scope.Code)),
            _ => q.Where(Equal(communityCode, scope.Code)),
        };

    /// <summary>Those without a community (address unknown) are the district's alone.</summary>
    public static bool Sees(AccessScope scope, string? communityCode) =>
        scope.Level == JurisdictionLevel.District ? scope != AccessScope.None : scope.Contains(communityCode);

    public static bool Sees(AccessScope scope, Contracts.People.PersonSummary? person) => person is not null && Sees(scope, person.CommunityCode);

    public static IQueryable<T> UnderScope<T>(this IQueryable<T> q, AccessScope scope, Expression<Func<T, string>> unitCode) =>
        scope == AccessScope.None ? q.Where(_ => false) : q.UnderUnit(scope.Code, unitCode);

    /// <summary>Prefix match as an index range ("&gt;= 420116001 and &lt; 420116002"): PostgreSQL's LIKE under a non-C
    /// collation cannot use the index.</summary>
    public static IQueryable<T> UnderUnit<T>(this IQueryable<T> q, string code, Expression<Func<T, string>> unitCode)
    {
        Expression Compare(string bound) => Expression.Call(CompareMethod, unitCode.Body, Captured(bound));
        var body = Expression.AndAlso(
            Expression.GreaterThanOrEqual(Compare(code), Expression.Constant(0)),
            Expression.LessThan(Compare(UpperBound(code)), Expression.Constant(0)));
        return q.Where(Expression.Lambda<Func<T, bool>>(body, unitCode.Parameters));
    }

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

    // A captured holder makes the provider send the code as a parameter, so one plan serves every unit.
    private static MemberExpression Captured(string code) => Expression.Property(Expression.Constant(new Code(code)), nameof(Code.Value));

    private sealed record Code(string Value);
}
