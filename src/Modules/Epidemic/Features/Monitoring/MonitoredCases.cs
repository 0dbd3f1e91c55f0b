using System.Linq.Expressions;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;

namespace Yiwang.Epidemic.Features.Monitoring;

/// <summary>States are marked <c>Monitoring</c> per disease, so a new outbreak needs no code. A record counts for a day
/// only when its phase began before the day: the day someone enters observation is not a missed day.</summary>
internal static class MonitoredCases
{
    public static async Task<Expression<Func<EpiCase, bool>>> PredicateAsync(YiwangDbContext db, DiseaseCatalog catalog, CancellationToken ct)
    {
        var c = Expression.Parameter(typeof(EpiCase), "c");
        Expression any = Expression.Constant(false);
        var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(typeof(string));
        foreach (var (row, def) in await catalog.AllAsync(db, ct))
        {
            var states = def.States.Where(s => s.Monitoring && !s.Terminal).Select(s => s.Code).ToArray();
            if (states.Length == 0)
            {
                continue;
            }

            var one = Expression.AndAlso(
                Expression.Equal(Expression.Property(c, nameof(EpiCase.DiseaseCode)), Expression.Constant(row.Code)),
                Expression.Call(contains, Expression.Constant(states), Expression.Property(c, nameof(EpiCase.State))));
            any = any is ConstantExpression ? one : Expression.OrElse(any, one);
        }

        var open = Expression.Not(Expression.Property(c, nameof(EpiCase.Closed)));
        return Expression.Lambda<Func<EpiCase, bool>>(Expression.AndAlso(open, any), c);
    }

    /// <summary>State codes to names in the reader's language (Chinese unless the UI is English), for pages.</summary>
    public static async Task<Func<string, string>> StateNamesAsync(YiwangDbContext db, DiseaseCatalog catalog, CancellationToken ct)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, def) in await catalog.AllAsync(db, ct))
        {
            foreach (var s in def.States)
            {
                names.TryAdd(s.Code, english ? s.En : s.Zh);
            }
        }

        return code => names.GetValueOrDefault(code) ?? code;
    }

    /// <summary>The instant a district day starts, in UTC (what is stored).</summary>
    public static DateTimeOffset StartUtc(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), DistrictTime.Zone), TimeSpan.Zero);

    public static DateOnly DateOf(DateTimeOffset at) => Yiwang.Kernel.Time.DistrictTime.DateOf(at);
}
