using Yiwang.Kernel.Identity;
using static Yiwang.People.Generation.HouseholdRelation;

namespace Yiwang.People.Generation;

/// <summary>Builds one household of a given size: picks a family shape, then ages, sexes and surnames
/// that fit it (spouses of similar age, children 20-40 years younger than the head, and so on).</summary>
internal sealed class HouseholdFactory
{
    public const int MaxSize = 6;

    private const int _adultAge = 18;
    private const int _marriageAge = 20;
    private const int _phoneMinimumAge = 12;
    private const int _maxSpouseGap = 6;
    private const int _youngestParentGap = 20;
    private const int _oldestParentGap = 40;
    private const int _oldestOtherParentGap = 42;

    // Slightly more boys than girls, as in China's sex ratio at birth over the last decades.
    private const int _boyPerMille = 530;

    // Close to the 2020 census's national household-size shares (mean 2.62), capped at six members.
    private static readonly WeightedTable<int> _sizes = new([(1, 25), (2, 30), (3, 21), (4, 13), (5, 7), (6, 4)]);

    // Family shapes by household size. "Other" is the married child's spouse; a grandchild without a
    // child in the household is a left-behind child living with grandparents, common in rural Huangpi.
    // The weights are informed guesses, not fitted to a table.
    private static readonly WeightedTable<HouseholdRelation[]>[] _shapes =
    [
        new([([Head], 1)]),
        new([([Head], 1)]),
        new([([Head, Spouse], 66), ([Head, Child], 18), ([Head, Parent], 10), ([Head, Grandchild], 6)]),
        new(
        [
            ([Head, Spouse, Child], 66), ([Head, Spouse, Parent], 10), ([Head, Spouse, Grandchild], 8),
            ([Head, Child, Child], 5), ([Head, Child, Parent], 4), ([Head, Child, Other], 4), ([Head, Parent, Parent], 3),
        ]),
        new(
        [
            ([Head, Spouse, Child, Child], 50), ([Head, Spouse, Child, Parent], 26), ([Head, Spouse, Parent, Parent], 6),
            ([Head, Child, Other, Grandchild], 6), ([Head, Spouse, Grandchild, Grandchild], 6), ([Head, Spouse, Child, Grandchild], 6),
        ]),
        new(
        [
            ([Head, Spouse, Child, Child, Parent], 30), ([Head, Spouse, Child, Parent, Parent], 22),
            ([Head, Spouse, Child, Other, Grandchild], 33), ([Head, Spouse, Child, Child, Child], 8),
            ([Head, Spouse, Child, Grandchild, Grandchild], 7),
        ]),
        new(
        [
            ([Head, Spouse, Child, Child, Parent, Parent], 30), ([Head, Spouse, Child, Other, Grandchild, Grandchild], 45),
            ([Head, Spouse, Child, Child, Child, Parent], 10), ([Head, Spouse, Child, Child, Other, Grandchild], 15),
        ]),
    ];

    private static readonly WeightedTable<string> _mobilePrefixes = new(
    [
        ("130", 3), ("131", 3), ("132", 3), ("133", 3), ("134", 3), ("135", 5), ("136", 5), ("137", 5),
        ("138", 6), ("139", 6), ("150", 4), ("151", 4), ("152", 4), ("153", 3), ("155", 3), ("156", 3),
        ("157", 3), ("158", 4), ("159", 4), ("176", 2), ("177", 2), ("178", 2), ("180", 3), ("181", 3),
        ("182", 3), ("183", 3), ("184", 2), ("185", 3), ("186", 3), ("187", 3), ("188", 3), ("189", 3),
        ("198", 2), ("199", 2),
    ]);

    private readonly Random _random;
    private readonly AgePyramid _ages;
    private readonly IdentityNumberAllocator _identityNumbers;

    public HouseholdFactory(Random random, DateOnly referenceDate, AgePyramid ages)
    {
        _random = random;
        _ages = ages;
        _identityNumbers = new IdentityNumberAllocator(referenceDate, AgePyramid.MaxAge, (uint)random.Next());
    }

    public static int SampleSize(Random random) => _sizes.Sample(random);

    public GeneratedHousehold Create(CommunitySlot community, string address, int size)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);

        var householdId = NextGuid();
        var shape = _shapes[size].Sample(_random);
        var children = Count(shape, Child);
        var grandchildren = Count(shape, Grandchild);
        var parents = Count(shape, Parent);
        var hasSpouse = Count(shape, Spouse) > 0;
        var hasChildInLaw = Count(shape, Other) > 0;
        var members = new List<GeneratedPerson>(size);

        // A grandparent head needs a child old enough to have children of their own.
        var minHeadAge = grandchildren > 0 || hasChildInLaw
            ? _marriageAge + _youngestParentGap + 2
            : children > 0 ? _youngestParentGap : _adultAge;
        var maxHeadAge = parents > 0 ? AgePyramid.MaxAge - _youngestParentGap : AgePyramid.MaxAge;
        var headAge = _ages.SampleHead(_random, minHeadAge, maxHeadAge);
        var headSex = HeadSex(size, hasSpouse, headAge);
        var headSurname = ChineseNames.Surname(_random);
        Add(Head, headSex, headAge, headSurname);

        var spouseAge = -1;
        var spouseSurname = headSurname;
        if (hasSpouse)
        {
            spouseAge = PartnerAge(headAge, headSex);
            spouseSurname = ChineseNames.Surname(_random);
            Add(Spouse, Opposite(headSex), spouseAge, spouseSurname);
        }

        var fatherSurname = headSex == Sex.Male ? headSurname : spouseSurname;
        var motherSurname = headSex == Sex.Male ? spouseSurname : headSurname;

        var marriedChildAge = -1;
        var marriedChildSex = Sex.Male;
        var marriedChildSurname = string.Empty;
        for (var i = 0; i < children; i++)
        {
            var married = i == 0 && (hasChildInLaw || grandchildren > 0);
            var (lo, hi) = ChildAgeWindow(headAge, spouseAge, married ? _marriageAge : 0);
            var age = _ages.Sample(_random, lo, hi);
            var sex = NextChildSex();

            // A minority of children carry their mother's surname.
            var surname = _random.Next(100) < 92 ? fatherSurname : motherSurname;
            Add(Child, sex, age, surname);
            if (married)
            {
                (marriedChildAge, marriedChildSex, marriedChildSurname) = (age, sex, surname);
            }
        }

        if (grandchildren > 0)
        {
            var inLawAge = -1;
            var grandchildSurname = marriedChildSurname;
            if (marriedChildAge < 0)
            {
                // The middle generation works elsewhere; it still bounds the grandchildren's ages.
                var (lo, hi) = ChildAgeWindow(headAge, spouseAge, _marriageAge);
                marriedChildAge = _ages.Sample(_random, lo, hi);
                grandchildSurname = fatherSurname;
            }
            else if (hasChildInLaw)
            {
                inLawAge = AddChildInLaw(out var inLawSurname);
                if (marriedChildSex == Sex.Female)
                {
                    grandchildSurname = inLawSurname;
                }
            }
            else if (marriedChildSex == Sex.Female)
            {
                // A daughter's children carry their absent father's surname.
                grandchildSurname = ChineseNames.Surname(_random);
            }

            for (var i = 0; i < grandchildren; i++)
            {
                var (lo, hi) = ChildAgeWindow(marriedChildAge, inLawAge, 0);
                Add(Grandchild, NextChildSex(), _ages.Sample(_random, lo, hi), grandchildSurname);
            }
        }
        else if (hasChildInLaw)
        {
            AddChildInLaw(out _);
        }

        if (parents > 0)
        {
            var lo = headAge + _youngestParentGap;
            var hi = Math.Min(headAge + _oldestParentGap, AgePyramid.MaxAge);
            var firstAge = _ages.Sample(_random, lo, hi);

            // Widowed mothers outnumber widowed fathers, as women live longer.
            var firstSex = parents == 2 || _random.Next(100) < 42 ? Sex.Male : Sex.Female;
            Add(Parent, firstSex, firstAge, firstSex == Sex.Male ? headSurname : ChineseNames.Surname(_random));
            if (parents == 2)
            {
                var motherAge = Math.Clamp(PartnerAge(firstAge, Sex.Male), lo, hi);
                Add(Parent, Sex.Female, motherAge, ChineseNames.Surname(_random));
            }
        }

        return new GeneratedHousehold(householdId, community.CommunityCode, community.StreetCode, address, members);

        int AddChildInLaw(out string surname)
        {
            var age = PartnerAge(marriedChildAge, marriedChildSex);
            surname = ChineseNames.Surname(_random);
            Add(Other, Opposite(marriedChildSex), age, surname);
            return age;
        }

        void Add(HouseholdRelation relation, Sex sex, int age, string surname)
        {
            var (birthDate, idNumber) = _identityNumbers.Allocate(_random, age, sex);
            var name = surname + ChineseNames.GivenName(_random, sex, birthDate.Year);
            var phone = age >= _phoneMinimumAge ? NextPhone() : null;
            members.Add(new GeneratedPerson(
                NextGuid(),
                householdId,
                idNumber,
                name,
                sex,
                birthDate,
                phone,
                address,
                community.CommunityCode,
                community.StreetCode,
                relation));
        }
    }

    private static int Count(HouseholdRelation[] shape, HouseholdRelation relation)
    {
        var count = 0;
        foreach (var member in shape)
        {
            count += member == relation ? 1 : 0;
        }

        return count;
    }

    private static Sex Opposite(Sex sex) => sex == Sex.Male ? Sex.Female : Sex.Male;

    private Sex HeadSex(int size, bool hasSpouse, int headAge)
    {
        // Couples mostly register the husband as head; people living alone are mostly young men
        // or widowed older women.
        var malePercent = hasSpouse ? 80 : size == 1 ? (headAge < 60 ? 63 : 42) : 50;
        return _random.Next(100) < malePercent ? Sex.Male : Sex.Female;
    }

    private int PartnerAge(int age, Sex sex)
    {
        // Husbands are on average about two years older than their wives.
        var gap = (int)Math.Round(2 + (2.5 * NextGaussian()));
        gap = Math.Clamp(gap, -_maxSpouseGap, _maxSpouseGap);
        var partnerAge = sex == Sex.Male ? age - gap : age + gap;
        return Math.Clamp(partnerAge, Math.Max(_adultAge, age - _maxSpouseGap), Math.Min(AgePyramid.MaxAge, age + _maxSpouseGap));
    }

    private Sex NextChildSex() => _random.Next(1000) < _boyPerMille ? Sex.Male : Sex.Female;

    private static (int Lo, int Hi) ChildAgeWindow(int parentAge, int otherParentAge, int minimumAge)
    {
        var lo = Math.Max(minimumAge, parentAge - _oldestParentGap);
        var hi = parentAge - _youngestParentGap;
        if (otherParentAge >= 0)
        {
            // Keep the other parent plausible too, but never at the cost of an empty window.
            var narrowedLo = Math.Max(lo, otherParentAge - _oldestOtherParentGap);
            var narrowedHi = Math.Min(hi, otherParentAge - _adultAge);
            if (narrowedLo <= narrowedHi)
            {
                return (narrowedLo, narrowedHi);
            }
        }

        return (Math.Min(lo, hi), hi);
    }

    private string NextPhone()
    {
        var prefix = _mobilePrefixes.Sample(_random);
        var subscriber = _random.Next(100_000_000);
        return string.Create(11, (prefix, subscriber), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            var value = state.subscriber;
            for (var i = 10; i >= 3; i--)
            {
                span[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        });
    }

    // Version-4 layout from the seeded generator, so ids are stable across runs with the same seed.
    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private double NextGaussian()
    {
        // Box-Muller; 1 - u keeps the logarithm away from zero.
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
