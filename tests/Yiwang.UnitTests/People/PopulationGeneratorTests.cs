using System.Globalization;
using System.Text.RegularExpressions;
using Yiwang.Kernel.Identity;
using Yiwang.People.Generation;

namespace Yiwang.UnitTests.People;

public sealed partial class PopulationGeneratorTests
{
    private const int _seed = 20251101;
    private const int _sampleSize = 60_000;

    private static readonly DateOnly _referenceDate = new(2025, 11, 1);

    // 20 streets of 30 communities each; the first five of every street are residents' committees.
    private static readonly IReadOnlyList<CommunitySlot> _communities = BuildCommunities(streets: 20, perStreet: 30, residentsCommittees: 5);

    // Generated once and shared by the statistical tests; the generator itself is deterministic.
    private static readonly Lazy<IReadOnlyList<GeneratedHousehold>> _population =
        new(() => new PopulationGenerator(_seed).Generate(_communities, _sampleSize, _referenceDate).ToList());

    private static IEnumerable<GeneratedPerson> People => _population.Value.SelectMany(h => h.Members);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(599)]
    [InlineData(600)]
    [InlineData(601)]
    [InlineData(12_345)]
    public void GeneratesExactlyTheRequestedNumberOfPeople(int total)
    {
        var households = new PopulationGenerator(_seed).Generate(_communities, total, _referenceDate).ToList();

        Assert.Equal(total, households.Sum(h => h.Members.Count));
        Assert.All(households, h => Assert.InRange(h.Members.Count, 1, 6));
    }

    [Fact]
    public void SampleHasExactlyTheRequestedNumberOfPeople() => Assert.Equal(_sampleSize, People.Count());

    [Fact]
    public void SameSeedGivesTheSamePeople()
    {
        var first = FirstPersons(new PopulationGenerator(7), 1_000);
        var second = FirstPersons(new PopulationGenerator(7), 1_000);

        Assert.Equal(1_000, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void EnumeratingAgainStartsOverFromTheSeed()
    {
        var households = new PopulationGenerator(7).Generate(_communities, 5_000, _referenceDate);

        var first = households.SelectMany(h => h.Members).Take(1_000).ToList();
        var second = households.SelectMany(h => h.Members).Take(1_000).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentPeople()
    {
        var first = FirstPersons(new PopulationGenerator(7), 1_000);
        var second = FirstPersons(new PopulationGenerator(8), 1_000);

        Assert.NotEqual(first.Select(p => p.IdNumber), second.Select(p => p.IdNumber));
        Assert.NotEqual(first.Select(p => p.Id), second.Select(p => p.Id));
    }

    [Fact]
    public void GenerationIsLazy()
    {
        // Far more people than could ever be materialised, or given distinct identity numbers.
        var first = new PopulationGenerator(_seed).Generate(_communities, int.MaxValue, _referenceDate).First();

        Assert.NotEmpty(first.Members);
    }

    [Fact]
    public void EveryIdentityNumberIsValidUniqueAndConsistent()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in People)
        {
            var check = ResidentIdentityNumber.Validate(person.IdNumber, _referenceDate);

            Assert.True(check.IsValid, $"{person.IdNumber}: {check.Error}");
            Assert.StartsWith("420116", person.IdNumber, StringComparison.Ordinal);
            Assert.Equal(person.BirthDate, check.BirthDate);
            Assert.Equal(person.Sex, check.Sex);
            Assert.True(seen.Add(person.IdNumber), $"Duplicate identity number {person.IdNumber}");
        }
    }

    [Fact]
    public void IdsAreUniqueVersion4Guids()
    {
        var ids = People.Select(p => p.Id).Concat(_population.Value.Select(h => h.Id)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(4, id.Version));
    }

    [Fact]
    public void SexRatioIsPlausible()
    {
        var males = People.Count(p => p.Sex == Sex.Male);
        var ratio = (double)males / (_sampleSize - males);

        Assert.InRange(ratio, 0.98, 1.12);
    }

    [Fact]
    public void ShareOfPeopleAged60AndOverIsPlausible()
    {
        var share = (double)People.Count(p => AgeOf(p) >= 60) / _sampleSize;

        Assert.InRange(share, 0.10, 0.30);
    }

    [Fact]
    public void AgeGroupsFollowTheCensusRoughly()
    {
        // 2020 census shares of 0-14, 15-59 and 60+; generous bounds, as family structure adds noise.
        var people = People.ToList();
        var children = (double)people.Count(p => AgeOf(p) < 15) / people.Count;
        var working = (double)people.Count(p => AgeOf(p) is >= 15 and < 60) / people.Count;

        Assert.InRange(children, 0.13, 0.23);
        Assert.InRange(working, 0.55, 0.70);
        Assert.All(people, p => Assert.InRange(AgeOf(p), 0, 100));
    }

    [Fact]
    public void AverageHouseholdSizeIsPlausible()
    {
        var average = (double)_sampleSize / _population.Value.Count;

        Assert.InRange(average, 2.3, 2.9);
    }

    [Fact]
    public void EveryCommunityGetsSomeone()
    {
        var populated = _population.Value.Select(h => h.CommunityCode).ToHashSet(StringComparer.Ordinal);

        Assert.All(_communities, c => Assert.Contains(c.CommunityCode, populated));
    }

    [Fact]
    public void EveryCommunityGetsSomeoneEvenWhenPeopleAreScarce()
    {
        var households = new PopulationGenerator(_seed).Generate(_communities, _communities.Count, _referenceDate).ToList();

        Assert.Equal(
            _communities.Select(c => c.CommunityCode).Order(StringComparer.Ordinal),
            households.Select(h => h.CommunityCode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void VillagesAreSmallerThanResidentsCommittees()
    {
        var sizes = People.GroupBy(p => p.CommunityCode).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var village = _communities.Where(c => c.IsVillage).Average(c => sizes[c.CommunityCode]);
        var urban = _communities.Where(c => !c.IsVillage).Average(c => sizes[c.CommunityCode]);

        Assert.True(urban > 2 * village, $"Residents' committees average {urban:F0}, villages {village:F0}.");
    }

    [Fact]
    public void HouseholdsAreInternallyConsistent()
    {
        foreach (var household in _population.Value)
        {
            var head = household.Members[0];
            Assert.Equal(HouseholdRelation.Head, head.Relation);
            Assert.Single(household.Members, m => m.Relation == HouseholdRelation.Head);
            Assert.True(AgeOf(head) >= 18, $"Head aged {AgeOf(head)}");

            foreach (var member in household.Members)
            {
                Assert.Equal(household.Id, member.HouseholdId);
                Assert.Equal(household.Address, member.Address);
                Assert.Equal(household.CommunityCode, member.CommunityCode);
                Assert.Equal(household.StreetCode, member.StreetCode);

                var gap = AgeOf(head) - AgeOf(member);
                switch (member.Relation)
                {
                    case HouseholdRelation.Spouse:
                        Assert.NotEqual(head.Sex, member.Sex);
                        Assert.InRange(gap, -6, 6);
                        Assert.True(AgeOf(member) >= 18);
                        break;
                    case HouseholdRelation.Child:
                        Assert.InRange(gap, 20, 40);
                        break;
                    case HouseholdRelation.Parent:
                        Assert.InRange(gap, -40, -20);
                        break;
                    case HouseholdRelation.Grandchild:
                        Assert.InRange(gap, 40, 80);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    [Fact]
    public void AddressesFollowTheLocalFormatAndAreDistinct()
    {
        var byCode = _communities.ToDictionary(c => c.CommunityCode, StringComparer.Ordinal);
        foreach (var household in _population.Value)
        {
            var community = byCode[household.CommunityCode];
            var prefix = community.StreetName + community.CommunityName;
            Assert.StartsWith(prefix, household.Address, StringComparison.Ordinal);

            var rest = household.Address[prefix.Length..];
            Assert.Matches(community.IsVillage ? VillageAddress() : FlatAddress(), rest);
        }

        Assert.Equal(_population.Value.Count, _population.Value.Select(h => h.Address).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void PhonesAreMobileNumbersForEveryoneFromTwelve()
    {
        foreach (var person in People)
        {
            if (AgeOf(person) < 12)
            {
                Assert.Null(person.Phone);
            }
            else
            {
                Assert.NotNull(person.Phone);
                Assert.Matches(MobileNumber(), person.Phone);
            }
        }
    }

    [Fact]
    public void NamesLookChinese()
    {
        Assert.All(People, p => Assert.Matches(ChineseName(), p.Name));

        // The common surnames dominate, as they do in real life.
        var top = People.Count(p => p.Name[0] is '王' or '李' or '张' or '刘' or '陈');
        Assert.InRange((double)top / _sampleSize, 0.20, 0.40);

        // Most household members carry the head's surname; spouses and in-laws keep their own.
        var kin = People.Where(p => p.Relation is HouseholdRelation.Child).ToList();
        var heads = _population.Value.ToDictionary(h => h.Id, h => h.Members[0]);
        var shared = kin.Count(p => p.Name[0] == heads[p.HouseholdId].Name[0]);
        Assert.True(shared > 0.7 * kin.Count, $"{shared} of {kin.Count} children share the head's surname.");
    }

    [Fact]
    public void CsvRowsHaveTheDocumentedShape()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        PopulationCsv.WriteHeader(writer);
        var people = People.Take(200).ToList();
        foreach (var person in people)
        {
            PopulationCsv.WriteRow(writer, person);
        }

        var lines = writer.ToString().Split('\n');
        Assert.Equal(PopulationCsv.Header, lines[0]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Equal(people.Count + 2, lines.Length);

        var columns = PopulationCsv.Header.Split(',').Length;
        Assert.All(lines[1..^1], line => Assert.Equal(columns, line.Split(',').Length));
    }

    [Fact]
    public void CsvRowFormatsEachField()
    {
        var person = new GeneratedPerson(
            new Guid("7c4cd452-26ca-4d92-a21e-be7cb6b26fc5"),
            new Guid("e6801f0a-f778-469e-98ee-d1bbcbb4663f"),
            "11010519491231002X",
            "欧阳娜娜",
            Sex.Female,
            new DateOnly(1949, 12, 31),
            null,
            "前川街道光荣社区1栋1单元101室",
            "420116001001",
            "420116001",
            HouseholdRelation.Grandchild);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        PopulationCsv.WriteRow(writer, person);

        Assert.Equal(
            "7c4cd452-26ca-4d92-a21e-be7cb6b26fc5,e6801f0a-f778-469e-98ee-d1bbcbb4663f,11010519491231002X,欧阳娜娜,F,"
            + "1949-12-31,,前川街道光荣社区1栋1单元101室,420116001001,420116001,Grandchild\n",
            writer.ToString());
    }

    [Theory]
    [InlineData("张,三", "前川街道1号")]
    [InlineData("张三", "前川街道\"1号\"")]
    [InlineData("张三", "前川街道\n1号")]
    public void CsvRowRefusesValuesThatWouldNeedQuoting(string name, string address)
    {
        var person = new GeneratedPerson(
            Guid.Empty, Guid.Empty, "11010519491231002X", name, Sex.Male, new DateOnly(1949, 12, 31),
            "13812345678", address, "420116001001", "420116001", HouseholdRelation.Head);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        Assert.Throws<ArgumentException>(() => PopulationCsv.WriteRow(writer, person));
        Assert.Equal(string.Empty, writer.ToString());
    }

    [Fact]
    public void GenerateValidatesItsArguments()
    {
        var generator = new PopulationGenerator(_seed);

        Assert.Throws<ArgumentNullException>(() => generator.Generate(null!, 10, _referenceDate));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(_communities, -1, _referenceDate));
        Assert.Throws<ArgumentException>(() => generator.Generate([], 10, _referenceDate));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(_communities, 10, new DateOnly(2000, 1, 1)));
        Assert.Empty(generator.Generate([], 0, _referenceDate));
    }

    private static List<GeneratedPerson> FirstPersons(PopulationGenerator generator, int count) =>
        generator.Generate(_communities, 20_000, _referenceDate).SelectMany(h => h.Members).Take(count).ToList();

    private static int AgeOf(GeneratedPerson person)
    {
        var age = _referenceDate.Year - person.BirthDate.Year;
        return person.BirthDate > _referenceDate.AddYears(-age) ? age - 1 : age;
    }

    private static List<CommunitySlot> BuildCommunities(int streets, int perStreet, int residentsCommittees)
    {
        var communities = new List<CommunitySlot>(streets * perStreet);
        for (var s = 1; s <= streets; s++)
        {
            var streetCode = string.Create(CultureInfo.InvariantCulture, $"420116{s:000}");
            var streetName = string.Create(CultureInfo.InvariantCulture, $"第{s}街道");
            for (var c = 1; c <= perStreet; c++)
            {
                var isVillage = c > residentsCommittees;

                // NBS numbering: 001-199 residents' committees, 200-399 villagers' committees.
                var number = isVillage ? 200 + c : c;
                communities.Add(new CommunitySlot(
                    string.Create(CultureInfo.InvariantCulture, $"{streetCode}{number:000}"),
                    streetCode,
                    isVillage
                        ? string.Create(CultureInfo.InvariantCulture, $"第{c}村")
                        : string.Create(CultureInfo.InvariantCulture, $"第{c}社区"),
                    streetName,
                    isVillage));
            }
        }

        return communities;
    }

    [GeneratedRegex(@"^[1-9][0-9]*栋[1-9]单元[1-9][0-9]?0[1-4]室$")]
    private static partial Regex FlatAddress();

    [GeneratedRegex(@"^[1-9][0-9]*组[1-9][0-9]*号$")]
    private static partial Regex VillageAddress();

    [GeneratedRegex(@"^1(3[0-9]|5[0-35-9]|7[6-8]|8[0-9]|9[89])[0-9]{8}$")]
    private static partial Regex MobileNumber();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{2,4}$")]
    private static partial Regex ChineseName();
}
