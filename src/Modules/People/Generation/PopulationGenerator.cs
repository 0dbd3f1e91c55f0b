namespace Yiwang.People.Generation;

/// <summary>Streams a synthetic but plausible population for demos, load tests and training: realistic
/// names, identity numbers, family shapes and addresses, reproducible from a seed.</summary>
internal sealed class PopulationGenerator(int seed)
{
    // Urban residents' committees in Huangpi are several times as populous as villages.
    private const int _residentsCommitteeWeight = 3;
    private const int _villageWeight = 1;

    private const double _averageHouseholdSize = 2.59;

    private static readonly DateOnly _earliestBirthDate = new(1900, 1, 1);

    /// <summary>Households for exactly <paramref name="totalPersons"/> people spread over
    /// <paramref name="communities"/>, each community's households in one run. Nothing is
    /// generated until enumeration; each enumeration starts again from the seed.</summary>
    public IEnumerable<GeneratedHousehold> Generate(IReadOnlyList<CommunitySlot> communities, int totalPersons, DateOnly referenceDate)
    {
        ArgumentNullException.ThrowIfNull(communities);
        ArgumentOutOfRangeException.ThrowIfNegative(totalPersons);
        if (totalPersons > 0 && communities.Count == 0)
        {
            throw new ArgumentException("People need at least one community to live in.", nameof(communities));
        }

        if (referenceDate.AddYears(-(AgePyramid.MaxAge + 1)) < _earliestBirthDate)
        {
            throw new ArgumentOutOfRangeException(
                nameof(referenceDate),
                referenceDate,
                "The oldest residents would be born before 1900, which identity numbers cannot express.");
        }

        // Copy now so the caller changing its list mid-enumeration cannot skew the allocation.
        var slots = communities.ToArray();
        if (Array.Exists(slots, slot => slot is null))
        {
            throw new ArgumentException("The community list contains null.", nameof(communities));
        }

        return GenerateCore(slots, totalPersons, referenceDate);
    }

    private IEnumerable<GeneratedHousehold> GenerateCore(CommunitySlot[] communities, int totalPersons, DateOnly referenceDate)
    {
        var random = new Random(seed);
        var quotas = AllocatePersons(communities, totalPersons, random);
        var households = new HouseholdFactory(random, referenceDate, AgeCalibration.Fitted);

        for (var i = 0; i < communities.Length; i++)
        {
            var remaining = quotas[i];
            if (remaining == 0)
            {
                continue;
            }

            var community = communities[i];
            var addresses = new CommunityAddresses(community, (int)Math.Ceiling(remaining / _averageHouseholdSize), random);
            while (remaining > 0)
            {
                // The last household is cut short so the community, and the total, come out exact.
                var size = Math.Min(HouseholdFactory.SampleSize(random), remaining);
                remaining -= size;
                yield return households.Create(community, addresses.Next(), size);
            }
        }
    }

    /// <summary>Splits the total by weight with the largest-remainder method, so the parts add up exactly;
    /// when there are enough people, every community gets at least one.</summary>
    private static int[] AllocatePersons(CommunitySlot[] communities, int totalPersons, Random random)
    {
        var count = communities.Length;
        var quotas = new int[count];
        if (count == 0 || totalPersons == 0)
        {
            return quotas;
        }

        // Real communities differ in size, so jitter each weight by up to 40% either way.
        var weights = new double[count];
        var weightSum = 0.0;
        for (var i = 0; i < count; i++)
        {
            var kind = communities[i].IsVillage ? _villageWeight : _residentsCommitteeWeight;
            weights[i] = kind * (0.6 + (0.8 * random.NextDouble()));
            weightSum += weights[i];
        }

        var floor = totalPersons >= count ? 1 : 0;
        var toShare = totalPersons - (floor * count);
        var remainders = new double[count];
        var shared = 0;
        for (var i = 0; i < count; i++)
        {
            var exact = toShare * weights[i] / weightSum;
            var whole = (int)Math.Floor(exact);
            quotas[i] = floor + whole;
            remainders[i] = exact - whole;
            shared += whole;
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => remainders[b] != remainders[a] ? remainders[b].CompareTo(remainders[a]) : a.CompareTo(b));
        for (var k = 0; k < toShare - shared; k++)
        {
            quotas[order[k % count]]++;
        }

        return quotas;
    }
}
