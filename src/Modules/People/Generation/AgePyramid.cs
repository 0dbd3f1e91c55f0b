namespace Yiwang.People.Generation;

/// <summary>Single-year age weights built from five-year group weights, with a second table weighted by
/// how likely a person of that age is to head a household. Immutable; reweighting makes a copy.</summary>
internal sealed class AgePyramid
{
    public const int MaxAge = 100;

    /// <summary>Five-year groups 0-4 ... 80-84, then an open 85+ group.</summary>
    public const int GroupCount = 18;

    private const int _openGroupStart = 85;

    // Per cent of the population in each group (seventh national census, 2020); they sum to 99.6
    // because of rounding, which does not matter as only ratios are used.
    private static readonly double[] _census2020 =
        [5.7, 6.4, 6.0, 5.2, 5.3, 6.6, 8.8, 6.9, 6.6, 8.2, 8.7, 7.1, 5.1, 5.0, 3.4, 2.2, 1.4, 1.0];

    private readonly double[] _groups;

    // Cumulative[a] is the weight of all ages below a, so a range is a single subtraction.
    private readonly double[] _population;
    private readonly double[] _heads;

    private AgePyramid(double[] groups)
    {
        _groups = groups;
        _population = Cumulative(age => SingleYearShare(groups, age));
        _heads = Cumulative(age => SingleYearShare(groups, age) * Headship(age));
    }

    /// <summary>The census's own shares, which are also the target a fitted pyramid aims for.</summary>
    public static AgePyramid Census2020 { get; } = new(_census2020);

    public static int GroupOf(int age) => Math.Min(age / 5, GroupCount - 1);

    public static int AgeOn(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        return birthDate > on.AddYears(-age) ? age - 1 : age;
    }

    public double GroupShare(int group) => _groups[group] / _groups.Sum();

    public AgePyramid Reweighted(ReadOnlySpan<double> factors)
    {
        var groups = new double[GroupCount];
        for (var g = 0; g < GroupCount; g++)
        {
            groups[g] = _groups[g] * factors[g];
        }

        return new AgePyramid(groups);
    }

    /// <summary>An age in [minAge, maxAge] drawn in proportion to the population.</summary>
    public int Sample(Random random, int minAge, int maxAge) => Draw(_population, random, minAge, maxAge);

    /// <summary>An age in [minAge, maxAge] drawn in proportion to household heads.</summary>
    public int SampleHead(Random random, int minAge, int maxAge) => Draw(_heads, random, minAge, maxAge);

    private static double SingleYearShare(double[] groups, int age)
    {
        if (age < _openGroupStart)
        {
            return groups[age / 5] / 5;
        }

        // Spread the open-ended 85+ group over 85-100 with a survival-like geometric decay.
        const double decay = 0.78;
        var normaliser = (1 - Math.Pow(decay, MaxAge - _openGroupStart + 1)) / (1 - decay);
        return groups[^1] * Math.Pow(decay, age - _openGroupStart) / normaliser;
    }

    // Rough headship rates: few people run their own household before their mid-twenties.
    private static double Headship(int age) => age switch
    {
        < 18 => 0,
        < 20 => 0.1,
        < 25 => 0.35,
        < 30 => 0.7,
        _ => 1,
    };

    private static double[] Cumulative(Func<int, double> weight)
    {
        var cumulative = new double[MaxAge + 2];
        for (var age = 0; age <= MaxAge; age++)
        {
            cumulative[age + 1] = cumulative[age] + weight(age);
        }

        return cumulative;
    }

    private static int Draw(double[] cumulative, Random random, int minAge, int maxAge)
    {
        minAge = Math.Max(minAge, 0);
        maxAge = Math.Min(maxAge, MaxAge);
        if (minAge >= maxAge)
        {
            return Math.Min(minAge, MaxAge);
        }

        var low = cumulative[minAge];
        var ticket = low + (random.NextDouble() * (cumulative[maxAge + 1] - low));

        // Find the last age whose cumulative start is at or below the ticket.
        int lo = minAge, hi = maxAge;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (cumulative[mid] <= ticket)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
