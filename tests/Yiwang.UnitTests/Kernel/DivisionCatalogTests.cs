using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.UnitTests.Kernel;

public sealed class DivisionCatalogTests
{
    private static readonly IReadOnlyList<Division> _divisions = DivisionCatalog.Load();

    [Fact]
    public void HasOneDistrictTwentyStreetsAnd681Communities()
    {
        Assert.Single(_divisions, d => d.Level == JurisdictionLevel.District);
        Assert.Equal(20, _divisions.Count(d => d.Level == JurisdictionLevel.Street));
        Assert.Equal(681, _divisions.Count(d => d.Level == JurisdictionLevel.Community));
        Assert.Equal(702, _divisions.Count);
    }

    [Fact]
    public void CommunitiesSplitInto92ResidentsAnd589VillageCommittees()
    {
        var communities = _divisions.Where(d => d.Level == JurisdictionLevel.Community).ToList();

        Assert.Equal(92, communities.Count(c => c.Kind == "居委会"));
        Assert.Equal(589, communities.Count(c => c.Kind == "村委会"));
    }

    [Fact]
    public void DistrictIsTheRootWithItsOwnCodeAsAlternate()
    {
        var district = _divisions[0];

        Assert.Equal("420116", district.Code);
        Assert.Equal("黄陂区", district.Name);
        Assert.Equal(JurisdictionLevel.District, district.Level);
        Assert.Equal("区", district.Kind);
        Assert.Null(district.ParentCode);
        Assert.Equal("420116", district.AlternateCode);
    }

    [Fact]
    public void IsOrderedByLevelThenCode()
    {
        var expected = _divisions
            .OrderBy(d => (int)d.Level)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(expected, _divisions);
    }

    [Fact]
    public void CodesAreUniqueAndHaveTheNBSLengthForTheirLevel()
    {
        Assert.Equal(_divisions.Count, _divisions.Select(d => d.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(_divisions, d => Assert.Equal(
            d.Level switch
            {
                JurisdictionLevel.District => 6,
                JurisdictionLevel.Street => 9,
                _ => 12,
            },
            d.Code.Length));
    }

    [Fact]
    public void EveryStreetBelongsToTheDistrictAndEveryCommunityToAStreet()
    {
        var streets = _divisions.Where(d => d.Level == JurisdictionLevel.Street).ToDictionary(d => d.Code);

        Assert.All(streets.Values, s => Assert.Equal("420116", s.ParentCode));
        Assert.All(
            _divisions.Where(d => d.Level == JurisdictionLevel.Community),
            c =>
            {
                Assert.NotNull(c.ParentCode);
                Assert.True(streets.ContainsKey(c.ParentCode), $"{c.Code} {c.Name} has parent {c.ParentCode}");
                Assert.StartsWith(c.ParentCode, c.Code, StringComparison.Ordinal);
            });
    }

    [Theory]
    [InlineData("420116001", "前川街道", "街道")]
    [InlineData("420116201", "木兰乡", "乡")]
    [InlineData("420116401", "木兰山风景区管理处", "功能区")]
    [InlineData("420116404", "汉口北商贸物流枢纽区管委会", "功能区")]
    public void StreetKindsFollowTheNBSCodeRanges(string code, string name, string kind)
    {
        var street = Assert.Single(_divisions, d => d.Code == code);

        Assert.Equal(name, street.Name);
        Assert.Equal(kind, street.Kind);
    }

    [Fact]
    public void StreetKindsAreFifteenStreetsOneTownshipAndFourZones()
    {
        var kinds = _divisions.Where(d => d.Level == JurisdictionLevel.Street)
            .GroupBy(d => d.Kind)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<string, int> { ["街道"] = 15, ["乡"] = 1, ["功能区"] = 4 }, kinds);
    }

    [Fact]
    public void CommunitiesNamedShequCountAsResidentsCommittees()
    {
        var shequ = _divisions.Where(d => d.Name.EndsWith("社区", StringComparison.Ordinal)).ToList();

        Assert.Equal(7, shequ.Count);
        Assert.All(shequ, c => Assert.Equal("居委会", c.Kind));
    }

    [Fact]
    public void WuhuKeepsItsNBSCodeAndCarriesTheMCACodeAsAlternate()
    {
        var wuhu = Assert.Single(_divisions, d => d.Name == "武湖街道");

        Assert.Equal("420116013", wuhu.Code);
        Assert.Equal("420116008", wuhu.AlternateCode);
    }

    [Theory]
    [InlineData("李集街道", "420116011")]
    [InlineData("姚集街道", "420116012")]
    [InlineData("蔡榨街道", "420116013")]
    [InlineData("王家河街道", "420116009")]
    [InlineData("木兰乡", "420116201")]
    public void StreetsSpelledDifferentlyByTheMCAStillFindTheirPartner(string nbsName, string mcaCode)
    {
        var street = Assert.Single(_divisions, d => d.Name == nbsName);

        Assert.Equal(mcaCode, street.AlternateCode);
    }

    [Fact]
    public void AllSixteenMCAStreetsFoundADistinctNBSPartner()
    {
        var mcaCodes = McaStreetCodes();
        var alternates = _divisions
            .Where(d => d.Level == JurisdictionLevel.Street && d.AlternateCode is not null)
            .Select(d => d.AlternateCode!)
            .ToList();

        Assert.Equal(16, mcaCodes.Count);
        Assert.Equal(mcaCodes.Order(StringComparer.Ordinal), alternates.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OnlyTheFourFunctionalZonesHaveNoMCACode()
    {
        var unmatched = _divisions
            .Where(d => d.Level == JurisdictionLevel.Street && d.AlternateCode is null)
            .Select(d => d.Kind);

        Assert.Equal(["功能区", "功能区", "功能区", "功能区"], unmatched);
    }

    [Theory]
    [InlineData("李家集街道", "李集街道")]
    [InlineData("蔡家榨街道", "蔡榨街道")]
    [InlineData(" 祁家湾街道", "祁湾街道")]
    public void StreetNamesAreNormalizedByDroppingJia(string name, string expected) =>
        Assert.Equal(expected, DivisionCatalog.NormalizeStreetName(name));

    [Fact]
    public void LoadReturnsTheSameCachedList()
    {
        Assert.Same(DivisionCatalog.Load(), DivisionCatalog.Load());
    }

    // Read straight from the embedded file so the test does not trust the matching code it checks.
    private static List<string> McaStreetCodes()
    {
        using var stream = DivisionCatalog.OpenResource(DivisionCatalog.McaStreetsResource);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(fields => fields[3] == "4")
            .Select(fields => fields[0])
            .ToList();
    }
}
