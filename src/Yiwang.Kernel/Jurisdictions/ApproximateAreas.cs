using System.Runtime.ExceptionServices;
using NetTopologySuite;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;
using NetTopologySuite.Triangulate.Polygon;

namespace Yiwang.Kernel.Jurisdictions;

/// <summary>Approximate street and community areas: no boundaries below the district are published, so these are
/// seeded Voronoi tessellations of the real district outline and must never be shown as official boundaries.</summary>
public static class ApproximateAreas
{
    // Lloyd relaxation makes cells compact; more rounds would erase the randomness that makes the map look organic.
    private const int StreetRelaxationRounds = 6;
    private const int CommunityRelaxationRounds = 3;

    /// <summary>The same inputs and seed always give the same areas. Streets get cells of roughly equal size: a street's
    /// community count says how finely it is divided, not how much land it has.</summary>
    public static IReadOnlyDictionary<string, ApproximateArea> Compute(
        IReadOnlyList<Division> divisions, Geometry districtOutline, int seed)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(districtOutline);
        if (districtOutline is not (Polygon or MultiPolygon) || districtOutline.IsEmpty || !districtOutline.IsValid)
        {
            throw new ArgumentException("The district outline must be a valid, non-empty Polygon or MultiPolygon.", nameof(districtOutline));
        }

        var streets = divisions.Where(d => d.Level == JurisdictionLevel.Street)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        var streetIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < streets.Count; i++)
        {
            if (!streetIndex.TryAdd(streets[i].Code, i))
            {
                throw new ArgumentException($"Street code {streets[i].Code} appears twice.", nameof(divisions));
            }
        }

        var members = streets.Select(_ => new List<Division>()).ToArray();
        foreach (var community in divisions.Where(d => d.Level == JurisdictionLevel.Community))
        {
            if (community.ParentCode is null || !streetIndex.TryGetValue(community.ParentCode, out var index))
            {
                throw new ArgumentException(
                    $"Community {community.Code} {community.Name} has parent {community.ParentCode}, which is not among the streets.",
                    nameof(divisions));
            }

            members[index].Add(community);
        }

        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), districtOutline.SRID);
        var frame = LocalFrame.Around(districtOutline, factory);
        var result = new Dictionary<string, ApproximateArea>(divisions.Count, StringComparer.Ordinal);

        void Add(Division division, ApproximateArea area)
        {
            if (!result.TryAdd(division.Code, area))
            {
                throw new ArgumentException($"Division code {division.Code} appears twice.", nameof(divisions));
            }
        }

        foreach (var district in divisions.Where(d => d.Level == JurisdictionLevel.District))
        {
            Add(district, Describe(districtOutline.Copy()));
        }

        var streetCells = Tessellate(frame.Region, streets.Count, new Random(seed), StreetRelaxationRounds);

        // Each street draws from its own generator, so running them in parallel cannot change the result.
        var perStreet = new (Division Division, ApproximateArea Area)[streets.Count][];
        try
        {
            Parallel.For(0, streets.Count, i => perStreet[i] = ComputeStreet(
                streets[i], members[i], streetCells.Cells[i], streetCells.Sites[i], frame, DeriveSeed(seed, i)));
        }
        catch (AggregateException ex)
        {
            // Callers see the same exception types as without the parallel loop.
            ExceptionDispatchInfo.Throw(ex.Flatten().InnerExceptions[0]);
        }

        foreach (var (division, area) in perStreet.Select(areas => areas[0]))
        {
            Add(division, area);
        }

        foreach (var (division, area) in perStreet.SelectMany(areas => areas.Skip(1)).OrderBy(a => a.Division.Code, StringComparer.Ordinal))
        {
            Add(division, area);
        }

        return result.AsReadOnly();
    }

    private static (Division Division, ApproximateArea Area)[] ComputeStreet(
        Division street, List<Division> members, Geometry cell, Coordinate seat, LocalFrame frame, int seed)
    {
        var communities = members
            .OrderBy(c => c.Kind == "居委会" ? 0 : 1)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();

        // A generator per street: one street's communities do not shift when another street changes.
        var communityCells = Tessellate(cell, communities.Count, new Random(seed), CommunityRelaxationRounds);

        // After relaxation the street's site is its centre of mass: the nearest cell goes to the first 居委会.
        var nearestFirst = Enumerable.Range(0, communities.Count)
            .OrderBy(k => communityCells.Sites[k].Distance(seat))
            .ThenBy(k => k)
            .ToList();

        var areas = new (Division, ApproximateArea)[communities.Count + 1];
        areas[0] = (street, Describe(frame.ToLonLat(cell)));
        for (var k = 0; k < communities.Count; k++)
        {
            areas[k + 1] = (communities[k], Describe(frame.ToLonLat(communityCells.Cells[nearestFirst[k]])));
        }

        return areas;
    }

    private static ApproximateArea Describe(Geometry area)
    {
        // The centroid of a concave or split cell can fall outside it.
        var point = area.Centroid;
        if (point.IsEmpty || !area.Contains(point))
        {
            point = area.InteriorPoint;
        }

        return new ApproximateArea(area, point.X, point.Y);
    }

    // Cell i belongs to site i.
    private static Tessellation Tessellate(Geometry region, int count, Random random, int rounds)
    {
        if (count == 0)
        {
            return new Tessellation([], []);
        }

        if (count == 1)
        {
            return new Tessellation([region], [region.InteriorPoint.Coordinate]);
        }

        var locator = new IndexedPointInAreaLocator(region);
        var prepared = PreparedGeometryFactory.Prepare(region);
        var sites = SampleInterior(region, count, random, locator);
        var cells = VoronoiCells(sites, region, prepared);
        for (var round = 0; round < rounds; round++)
        {
            var moved = new Coordinate[count];
            var taken = new HashSet<Coordinate>(count);
            for (var i = 0; i < count; i++)
            {
                moved[i] = RelaxedSite(cells[i], sites[i], locator, taken);
            }

            sites = moved;
            cells = VoronoiCells(sites, region, prepared);
        }

        return new Tessellation(cells, sites);
    }

    private static Coordinate RelaxedSite(Geometry cell, Coordinate current, IndexedPointInAreaLocator region, HashSet<Coordinate> taken)
    {
        // A site must stay strictly inside the region, or its clipped cell could come out empty.
        var centroid = cell.Centroid.Coordinate;
        if (centroid is not null && region.Locate(centroid) == Location.Interior && taken.Add(centroid))
        {
            return centroid;
        }

        var interior = cell.InteriorPoint.Coordinate;
        if (interior is not null && region.Locate(interior) == Location.Interior && taken.Add(interior))
        {
            return interior;
        }

        taken.Add(current);
        return current;
    }

    private static Geometry[] VoronoiCells(Coordinate[] sites, Geometry region, IPreparedGeometry prepared)
    {
        var envelope = new Envelope(region.EnvelopeInternal);
        envelope.ExpandBy(Math.Max(envelope.Width, envelope.Height) * 0.1);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = envelope };
        builder.SetSites(sites);
        var diagram = builder.GetDiagram(region.Factory);

        // The builder returns the cells in its own order; each cell carries its site as UserData.
        var bySite = new Dictionary<Coordinate, Geometry>(diagram.NumGeometries);
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = diagram.GetGeometryN(i);
            if (cell.UserData is Coordinate site)
            {
                bySite[site] = cell;
            }
        }

        var cells = new Geometry[sites.Length];
        for (var i = 0; i < sites.Length; i++)
        {
            if (!bySite.TryGetValue(sites[i], out var cell))
            {
                throw new InvalidOperationException($"The Voronoi diagram has no cell for site {sites[i]}; two sites probably coincide.");
            }

            // Most cells lie well inside the region; only those on its edge need the costly overlay.
            var clipped = prepared.Contains(cell)
                ? cell
                : Polygonal(OverlayNGRobust.Overlay(cell, region, SpatialFunction.Intersection));
            cells[i] = clipped.IsEmpty
                ? throw new InvalidOperationException($"The Voronoi cell of site {sites[i]} lies outside the region.")
                : clipped;
        }

        return cells;
    }

    // Area-weighted triangles rather than rejection sampling from the bounding box, which starves on slivers.
    private static Coordinate[] SampleInterior(Geometry region, int count, Random random, IndexedPointInAreaLocator locator)
    {
        var triangles = PolygonTriangulator.Triangulate(region);
        var corners = new List<Coordinate[]>(triangles.NumGeometries);
        var cumulative = new List<double>(triangles.NumGeometries);
        var total = 0.0;
        for (var i = 0; i < triangles.NumGeometries; i++)
        {
            var triangle = triangles.GetGeometryN(i);
            if (triangle.Area > 0)
            {
                total += triangle.Area;
                corners.Add(triangle.Coordinates);
                cumulative.Add(total);
            }
        }

        if (corners.Count == 0)
        {
            throw new InvalidOperationException("The region has no area to place sites in.");
        }

        var sites = new List<Coordinate>(count);
        var taken = new HashSet<Coordinate>(count);
        for (var attempts = 0; sites.Count < count; attempts++)
        {
            if (attempts > 1000 + (100 * count))
            {
                throw new InvalidOperationException($"Could not place {count} distinct sites inside the region.");
            }

            var index = cumulative.BinarySearch(random.NextDouble() * total);
            var t = corners[Math.Min(index < 0 ? ~index : index, corners.Count - 1)];

            // The square root keeps points from crowding the triangle's first corner.
            var r1 = Math.Sqrt(random.NextDouble());
            var r2 = random.NextDouble();
            var p = new Coordinate(
                ((1 - r1) * t[0].X) + (r1 * (1 - r2) * t[1].X) + (r1 * r2 * t[2].X),
                ((1 - r1) * t[0].Y) + (r1 * (1 - r2) * t[1].Y) + (r1 * r2 * t[2].Y));
            if (locator.Locate(p) == Location.Interior && taken.Add(p))
            {
                sites.Add(p);
            }
        }

        return [.. sites];
    }

    private static Geometry Polygonal(Geometry geometry)
    {
        if (geometry is Polygon or MultiPolygon)
        {
            return geometry;
        }

        // Overlays may leave slivers collapsed to lines or points; only the areal parts are a cell.
        var polygons = PolygonExtracter.GetPolygons(geometry).Where(p => !p.IsEmpty).ToList();
        return polygons.Count == 0
            ? geometry.Factory.CreatePolygon()
            : geometry.Factory.BuildGeometry(polygons);
    }

    private static int DeriveSeed(int seed, int index)
    {
        // Deterministic across processes, unlike HashCode.Combine.
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) | (uint)index;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    private sealed record Tessellation(Geometry[] Cells, Coordinate[] Sites);

    // Voronoi cells are only compact where distances are isotropic: at Huangpi a degree east is 14 % shorter.
    private sealed class LocalFrame
    {
        private readonly AffineTransformation _toLonLat;

        private LocalFrame(Geometry region, AffineTransformation toLonLat)
        {
            Region = region;
            _toLonLat = toLonLat;
        }

        public Geometry Region { get; }

        public static LocalFrame Around(Geometry outline, GeometryFactory factory)
        {
            var centre = outline.EnvelopeInternal.Centre;
            var toLocal = new AffineTransformation()
                .Translate(-centre.X, -centre.Y)
                .Scale(Math.Cos(centre.Y * Math.PI / 180), 1);
            var region = toLocal.Transform(factory.CreateGeometry(outline));
            return new LocalFrame(region, toLocal.GetInverse());
        }

        public Geometry ToLonLat(Geometry local)
        {
            // A copy per call: the transformation is used from several threads at once.
            var area = new AffineTransformation(_toLonLat).Transform(local);

            // Rounding each ordinate on its own can make two edges cross in a near-degenerate spot.
            if (!area.IsValid)
            {
                area = Polygonal(GeometryFixer.Fix(area));
            }

            return area.IsEmpty
                ? throw new InvalidOperationException("An approximate area collapsed to nothing.")
                : area;
        }
    }
}
