using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using Xunit.Abstractions;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.UnitTests.Kernel;

public sealed partial class ApproximateAreasTests(ITestOutputHelper output)
{
    private const int Seed = 420116;

    private static readonly IReadOnlyList<Division> _divisions = DivisionCatalog.Load();
    private static readonly Geometry _outline = DistrictOutline.Load();
    private static readonly Lazy<IReadOnlyDictionary<string, ApproximateArea>> _areas =
        new(() => ApproximateAreas.Compute(_divisions, _outline, Seed));

    private static IReadOnlyDictionary<string, ApproximateArea> Areas => _areas.Value;

    private static IEnumerable<Division> Streets => _divisions.Where(d => d.Level == JurisdictionLevel.Street);

    private static IEnumerable<Division> Communities => _divisions.Where(d => d.Level == JurisdictionLevel.Community);

    [Fact]
    public void OutlineIsTheRealDistrictMultipolygon()
    {
        var outline = DistrictOutline.Load();

        Assert.IsType<MultiPolygon>(outline);
        Assert.True(outline.IsValid);
        Assert.Equal(4326, outline.SRID);
        Assert.Equal(713, outline.NumPoints);
        Assert.InRange(outline.EnvelopeInternal.Centre.X, 114.0, 114.8);
        Assert.InRange(outline.EnvelopeInternal.Centre.Y, 30.6, 31.4);
        Assert.NotSame(outline, DistrictOutline.Load());
    }

    [Fact]
    public void EveryDivisionGetsAnAreaAndTheDistrictGetsTheOutline()
    {
        Assert.Equal(702, Areas.Count);
        Assert.All(_divisions, d => Assert.True(Areas.ContainsKey(d.Code), d.Code));
        Assert.Equal(701, Areas.Count(a => a.Key != "420116"));
        Assert.True(Areas["420116"].Area.EqualsExact(_outline));
    }

    [Fact]
    public void EveryAreaIsAValidNonemptyPolygonOrMultipolygon()
    {
        Assert.All(Areas, pair =>
        {
            var area = pair.Value.Area;
            Assert.True(area is Polygon or MultiPolygon, $"{pair.Key} is a {area.GeometryType}");
            Assert.False(area.IsEmpty, pair.Key);
            Assert.True(area.IsValid, pair.Key);
            Assert.True(area.Area > 0, pair.Key);
        });
    }

    [Fact]
    public void StreetCellsDoNotOverlap()
    {
        var cells = Streets.Select(s => Areas[s.Code].Area).ToList();
        var overlap = 0.0;
        for (var i = 0; i < cells.Count; i++)
        {
            for (var j = i + 1; j < cells.Count; j++)
            {
                if (cells[i].EnvelopeInternal.Intersects(cells[j].EnvelopeInternal))
                {
                    overlap += cells[i].Intersection(cells[j]).Area;
                }
            }
        }

        Assert.True(overlap <= _outline.Area * 1e-9, $"street cells overlap by {overlap / _outline.Area:E2} of the district");
    }

    [Fact]
    public void StreetCellsTileTheOutline()
    {
        var cells = Streets.Select(s => Areas[s.Code].Area).ToList();
        var union = OverlayNGRobust.Union(cells);

        Assert.Equal(1.0, union.Area / _outline.Area, 2);
        Assert.Equal(1.0, cells.Sum(c => c.Area) / _outline.Area, 2);
        Assert.True(union.Difference(_outline).Area <= _outline.Area * 1e-9);
    }

    [Fact]
    public void EveryCommunityCellLiesInItsStreetCell()
    {
        Assert.All(Communities, c =>
        {
            var cell = Areas[c.Code].Area;
            var outside = cell.Difference(Areas[c.ParentCode!].Area).Area;
            Assert.True(outside <= cell.Area * 1e-9, $"{c.Code} {c.Name}: {outside / cell.Area:E2} of it lies outside its street");
        });
    }

    [Fact]
    public void CommunityCellsTileTheirStreet()
    {
        Assert.All(Streets, s =>
        {
            var cells = Communities.Where(c => c.ParentCode == s.Code).Select(c => Areas[c.Code].Area).ToList();
            var street = Areas[s.Code].Area;

            Assert.Equal(1.0, cells.Sum(c => c.Area) / street.Area, 2);
            Assert.Equal(1.0, OverlayNGRobust.Union(cells).Area / street.Area, 2);
        });
    }

    [Fact]
    public void LabelPointLiesInsideItsArea()
    {
        Assert.All(Areas, pair =>
        {
            var point = pair.Value.Area.Factory.CreatePoint(new Coordinate(pair.Value.CentroidLon, pair.Value.CentroidLat));
            Assert.True(pair.Value.Area.Contains(point), pair.Key);
        });
    }

    [Fact]
    public void SameSeedGivesTheSameAreas()
    {
        var again = ApproximateAreas.Compute(_divisions, DistrictOutline.Load(), Seed);

        Assert.Equal(Areas.Keys.Order(StringComparer.Ordinal), again.Keys.Order(StringComparer.Ordinal));
        Assert.All(Areas, pair =>
        {
            var other = again[pair.Key];
            Assert.True(pair.Value.Area.EqualsExact(other.Area), pair.Key);
            Assert.Equal(pair.Value.CentroidLon, other.CentroidLon);
            Assert.Equal(pair.Value.CentroidLat, other.CentroidLat);
        });
    }

    [Fact]
    public void AnotherSeedGivesOtherAreas()
    {
        var other = ApproximateAreas.Compute(_divisions, _outline, Seed + 1);

        Assert.False(Areas["420116001"].Area.EqualsExact(other["420116001"].Area));
    }

    [Fact]
    public void StreetCellsAreOfComparableSize()
    {
        // Lloyd relaxation should have evened out the random start; a cell far below the mean would
        // mean a site got squeezed against the outline.
        var mean = _outline.Area / 20;

        Assert.All(Streets, s => Assert.InRange(Areas[s.Code].Area.Area / mean, 0.3, 3.0));
    }

    [Fact]
    public void ResidentsCommitteesSitNearerTheStreetCentreThanVillages()
    {
        // 前川街道 has 18 居委会 and 57 村委会: enough of both for the averages to mean something.
        var street = Areas["420116001"];
        var members = Communities.Where(c => c.ParentCode == "420116001").ToList();
        double MeanDistance(string kind) => members.Where(c => c.Kind == kind)
            .Average(c => Math.Sqrt(
                Math.Pow(Areas[c.Code].CentroidLon - street.CentroidLon, 2) +
                Math.Pow(Areas[c.Code].CentroidLat - street.CentroidLat, 2)));

        Assert.True(MeanDistance("居委会") < MeanDistance("村委会"));
    }

    [Fact]
    public void ATinyOutlineStillGivesEveryDivisionAValidCell()
    {
        // A 0.01° square (about 1 km) gives each community a few hundred square metres.
        var factory = _outline.Factory;
        var tiny = factory.CreatePolygon(
        [
            new(114.3, 30.9), new(114.31, 30.9), new(114.31, 30.91), new(114.3, 30.91), new(114.3, 30.9),
        ]);

        var areas = ApproximateAreas.Compute(_divisions, tiny, Seed);

        Assert.Equal(702, areas.Count);
        Assert.All(areas.Values, a => Assert.True(a.Area.IsValid && !a.Area.IsEmpty && a.Area.Area > 0));
    }

    [Fact]
    public void ComputeRejectsACommunityWithoutAStreet()
    {
        var orphan = new Division("420116999001", "无主村委会", "420116999", JurisdictionLevel.Community, "村委会", null);

        Assert.Throws<ArgumentException>(() => ApproximateAreas.Compute([.. _divisions, orphan], _outline, Seed));
    }

    [Fact]
    public void ComputeRejectsAnOutlineThatIsNotAnArea()
    {
        var line = _outline.Factory.CreateLineString([new(114.3, 30.9), new(114.4, 31.0)]);

        Assert.Throws<ArgumentException>(() => ApproximateAreas.Compute(_divisions, line, Seed));
    }

    [Fact]
    public void ComputeIsFastEnoughToRunAtStartUp()
    {
        var stopwatch = Stopwatch.StartNew();
        var areas = ApproximateAreas.Compute(_divisions, _outline, Seed + 2);
        stopwatch.Stop();

        output.WriteLine($"Compute for {areas.Count - 1} cells: {stopwatch.ElapsedMilliseconds} ms");

        // Generous: the point is to catch an accidental blow-up, not to benchmark CI machines.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void GeoJsonRoundTripsEveryAreaWithSixDecimals()
    {
        var totalLength = 0L;
        Assert.All(Areas, pair =>
        {
            var json = GeometryText.ToGeoJson(pair.Value.Area);
            totalLength += json.Length;
            var back = GeometryText.FromGeoJson(json);

            Assert.Equal(pair.Value.Area.GeometryType, back.GeometryType);
            Assert.True(back.IsValid, pair.Key);
            Assert.Equal(4326, back.SRID);
            Assert.True(back.SymmetricDifference(pair.Value.Area).Area <= pair.Value.Area.Area * 1e-3, pair.Key);
            Assert.DoesNotMatch(MoreThanSixDecimals(), json);
        });

        output.WriteLine($"GeoJSON for {Areas.Count} areas: {totalLength:N0} characters");
    }

    [Fact]
    public void GeoJsonOfASimplePolygonIsPlainText()
    {
        var square = _outline.Factory.CreatePolygon(
        [
            new(114.1234567, 30.1), new(114.2, 30.1), new(114.2, 30.2), new(114.1234567, 30.2), new(114.1234567, 30.1),
        ]);

        var json = GeometryText.ToGeoJson(square);

        Assert.Contains("\"type\":\"Polygon\"", json, StringComparison.Ordinal);
        Assert.Contains("114.123457", json, StringComparison.Ordinal);
        Assert.DoesNotContain("114.1234567", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromGeoJsonRejectsTextThatIsNotGeojson()
    {
        Assert.Throws<ArgumentException>(() => GeometryText.FromGeoJson("{\"hello\":"));
    }

    [Fact]
    public void SvgPathOfTheOutlineFillsTheViewBoxNorthUp()
    {
        var frame = _outline.EnvelopeInternal;

        var path = GeometryText.ToSvgPath(_outline, frame, 800, 600);
        var points = SvgPoints(path);

        Assert.StartsWith("M", path, StringComparison.Ordinal);
        Assert.EndsWith("Z", path, StringComparison.Ordinal);
        Assert.All(points, p =>
        {
            Assert.InRange(p.X, 0, 800);
            Assert.InRange(p.Y, 0, 600);
        });

        // Huangpi is taller than wide once longitude is scaled by cos(latitude), so it spans the
        // full height and is centred horizontally.
        Assert.Equal(0, points.Min(p => p.Y), 1);
        Assert.Equal(600, points.Max(p => p.Y), 1);
        Assert.Equal(800 - points.Max(p => p.X), points.Min(p => p.X), 0);

        // North up: the northernmost vertex maps to the top.
        var north = _outline.Coordinates.MaxBy(c => c.Y)!;
        var south = _outline.Coordinates.MinBy(c => c.Y)!;
        var northY = SvgPoints(GeometryText.ToSvgPath(_outline.Factory.CreatePoint(north).Buffer(0.01), frame, 800, 600)).Average(p => p.Y);
        var southY = SvgPoints(GeometryText.ToSvgPath(_outline.Factory.CreatePoint(south).Buffer(0.01), frame, 800, 600)).Average(p => p.Y);
        Assert.InRange(northY, -10, 10);
        Assert.InRange(southY, 590, 610);
    }

    [Fact]
    public void SvgPathKeepsTheGroundAspectRatio()
    {
        // A square on the ground at 30.9°N is cos(30.9°) ≈ 0.858 times as many degrees tall as wide.
        var factory = _outline.Factory;
        var width = 0.1;
        var height = width * Math.Cos(30.9 * Math.PI / 180);
        var square = factory.CreatePolygon(
        [
            new(114.0, 30.9 - (height / 2)), new(114.0 + width, 30.9 - (height / 2)),
            new(114.0 + width, 30.9 + (height / 2)), new(114.0, 30.9 + (height / 2)), new(114.0, 30.9 - (height / 2)),
        ]);

        var points = SvgPoints(GeometryText.ToSvgPath(square, square.EnvelopeInternal, 1000, 500));

        Assert.Equal(500, points.Max(p => p.X) - points.Min(p => p.X), 0);
        Assert.Equal(500, points.Max(p => p.Y) - points.Min(p => p.Y), 0);
    }

    [Fact]
    public void SvgPathDrawsOneSubpathPerRingIncludingHoles()
    {
        var factory = _outline.Factory;
        // Centred on the equator, where a degree east is as long as a degree north.
        var shell = factory.CreateLinearRing([new(0, -5), new(10, -5), new(10, 5), new(0, 5), new(0, -5)]);
        var hole = factory.CreateLinearRing([new(4, -1), new(4, 1), new(6, 1), new(6, -1), new(4, -1)]);
        var donut = factory.CreatePolygon(shell, [hole]);

        var path = GeometryText.ToSvgPath(donut, donut.EnvelopeInternal, 100, 100);

        Assert.Equal("M0 100L100 100L100 0L0 0ZM40 60L40 40L60 40L60 60Z", path);
    }

    [Fact]
    public void SvgPathsOfAllCellsStayInTheViewBoxWithOneDecimal()
    {
        var frame = _outline.EnvelopeInternal;
        Assert.All(Areas, pair =>
        {
            var path = GeometryText.ToSvgPath(pair.Value.Area, frame, 1000, 1000);

            Assert.False(string.IsNullOrEmpty(path), pair.Key);
            Assert.DoesNotMatch(MoreThanOneDecimal(), path);
            Assert.All(SvgPoints(path), p =>
            {
                Assert.InRange(p.X, 0, 1000);
                Assert.InRange(p.Y, 0, 1000);
            });
        });
    }

    private static List<(double X, double Y)> SvgPoints(string path) =>
        SvgPoint().Matches(path)
            .Select(m => (
                double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();

    [GeneratedRegex(@"[ML](-?[0-9.]+) (-?[0-9.]+)")]
    private static partial Regex SvgPoint();

    [GeneratedRegex(@"\.[0-9]{7,}")]
    private static partial Regex MoreThanSixDecimals();

    [GeneratedRegex(@"\.[0-9]{2,}")]
    private static partial Regex MoreThanOneDecimal();
}
