namespace Yiwang.People.Generation;

/// <summary>Family structure skews ages: heads are adults, parents are 20-40 years older than heads, and so
/// on, so drawing every role from the census pyramid does not reproduce it. This fits the sampling
/// weights once per process so the generated population as a whole matches the census groups.</summary>
internal static class AgeCalibration
{
    // Fixed, so the fitted weights (and with them every run's output) never depend on the caller's seed.
    private const int _seed = 20201101;
    private const int _rounds = 12;
    private const int _personsPerRound = 60_000;

    private static readonly DateOnly _referenceDate = new(2020, 11, 1);
    private static readonly Lazy<AgePyramid> _fitted = new(Fit);

    public static AgePyramid Fitted => _fitted.Value;

    private static AgePyramid Fit()
    {
        var target = AgePyramid.Census2020;
        var pyramid = target;
        var community = new CommunitySlot("420116000000", "420116000", "校准", "校准", IsVillage: false);
        var counts = new double[AgePyramid.GroupCount];
        var factors = new double[AgePyramid.GroupCount];

        for (var round = 0; round < _rounds; round++)
        {
            var random = new Random(_seed + round);
            var factory = new HouseholdFactory(random, _referenceDate, pyramid);
            Array.Clear(counts);
            var persons = 0;
            while (persons < _personsPerRound)
            {
                foreach (var member in factory.Create(community, string.Empty, HouseholdFactory.SampleSize(random)).Members)
                {
                    counts[AgePyramid.GroupOf(AgePyramid.AgeOn(member.BirthDate, _referenceDate))]++;
                    persons++;
                }
            }

            for (var g = 0; g < AgePyramid.GroupCount; g++)
            {
                // Over-relaxed: the family windows blunt each correction, so a plain step converges slowly.
                var realised = Math.Max(counts[g], 1) / persons;
                factors[g] = Math.Pow(target.GroupShare(g) / realised, 1.5);
            }

            pyramid = pyramid.Reweighted(factors);
        }

        return pyramid;
    }
}
