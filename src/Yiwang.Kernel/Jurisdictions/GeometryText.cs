using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Precision;

namespace Yiwang.Kernel.Jurisdictions;

/// <summary>Text forms of jurisdiction geometries: GeoJSON for storage and exchange, SVG path data for maps.</summary>
public static class GeometryText
{
    // 1e-6° is about 0.1 m: finer than the source outline, and half the text of full precision.
    private static readonly PrecisionModel _storedPrecision = new(1e6);

    private static readonly GeometryFactory _factory =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions _options = new()
    {
        Converters = { new GeoJsonConverterFactory(_factory) },
    };

    // Rounding vertices one by one could fold two close edges across each other; the reducer keeps polygons valid.
    public static string ToGeoJson(Geometry g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var rounded = g.IsEmpty ? g : GeometryPrecisionReducer.Reduce(g, _storedPrecision);

        // The reducer unwraps a one-part MultiPolygon; keep the stored type what the caller gave.
        if (g is MultiPolygon && rounded is Polygon single)
        {
            rounded = rounded.Factory.CreateMultiPolygon([single]);
        }

        return JsonSerializer.Serialize(rounded, _options);
    }

    /// <summary>Reads a GeoJSON geometry object (not a Feature); throws ArgumentException otherwise.</summary>
    public static Geometry FromGeoJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        try
        {
            return JsonSerializer.Deserialize<Geometry>(json, _options)
                ?? throw new ArgumentException("The GeoJSON text is null.", nameof(json));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The text is not a GeoJSON geometry: {ex.Message}", nameof(json), ex);
        }
    }

    /// <summary>SVG path data for a <c>0 0 width height</c> viewBox showing <paramref name="frame"/>, north up, x scaled by
    /// cos(latitude). Holes are subpaths too, so draw it with <c>fill-rule="evenodd"</c>.</summary>
    public static string ToSvgPath(Geometry g, Envelope frame, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.IsNull)
        {
            throw new ArgumentException("The frame is empty.", nameof(frame));
        }

        if (!(width > 0) || !(height > 0) || double.IsInfinity(width) || double.IsInfinity(height))
        {
            throw new ArgumentOutOfRangeException(nameof(width), "The viewBox must have a positive, finite size.");
        }

        var xScale = Math.Cos((frame.MinY + frame.MaxY) / 2 * Math.PI / 180);
        var groundWidth = frame.Width * xScale;
        var groundHeight = frame.Height;
        if (!(groundWidth > 0) && !(groundHeight > 0))
        {
            throw new ArgumentException("The frame has no extent.", nameof(frame));
        }

        var scale = Math.Min(
            groundWidth > 0 ? width / groundWidth : double.PositiveInfinity,
            groundHeight > 0 ? height / groundHeight : double.PositiveInfinity);
        var projection = new SvgProjection(
            frame.MinX,
            frame.MaxY,
            xScale * scale,
            scale,
            (width - (groundWidth * scale)) / 2,
            (height - (groundHeight * scale)) / 2);

        var path = new StringBuilder();
        AppendGeometry(path, g, projection);
        return path.ToString();
    }

    private static void AppendGeometry(StringBuilder path, Geometry g, SvgProjection projection)
    {
        switch (g)
        {
            case Polygon polygon:
                AppendRing(path, polygon.ExteriorRing.Coordinates, projection, closed: true);
                foreach (var hole in polygon.InteriorRings)
                {
                    AppendRing(path, hole.Coordinates, projection, closed: true);
                }

                break;
            case LineString line:
                AppendRing(path, line.Coordinates, projection, closed: line.IsClosed && line is LinearRing);
                break;
            case GeometryCollection collection:
                for (var i = 0; i < collection.NumGeometries; i++)
                {
                    AppendGeometry(path, collection.GetGeometryN(i), projection);
                }

                break;
            default:
                break;
        }
    }

    private static void AppendRing(StringBuilder path, Coordinate[] coordinates, SvgProjection projection, bool closed)
    {
        // Vertices closer than the 0.1-unit rounding repeat; dropping them changes nothing drawn.
        var points = new List<(double X, double Y)>(coordinates.Length);
        foreach (var c in coordinates)
        {
            var p = (Round(projection.X(c.X)), Round(projection.Y(c.Y)));
            if (points.Count == 0 || points[^1] != p)
            {
                points.Add(p);
            }
        }

        if (closed && points.Count > 1 && points[0] == points[^1])
        {
            points.RemoveAt(points.Count - 1);
        }

        if (points.Count < (closed ? 3 : 2))
        {
            // Smaller than a tenth of a unit at this scale: nothing visible to draw.
            return;
        }

        for (var i = 0; i < points.Count; i++)
        {
            path.Append(i == 0 ? 'M' : 'L')
                .Append(points[i].X.ToString("0.#", CultureInfo.InvariantCulture))
                .Append(' ')
                .Append(points[i].Y.ToString("0.#", CultureInfo.InvariantCulture));
        }

        if (closed)
        {
            path.Append('Z');
        }
    }

    // Adding 0.0 turns -0 into 0 so the text never says "-0".
    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero) + 0.0;

    private sealed record SvgProjection(double West, double North, double XFactor, double YFactor, double XOffset, double YOffset)
    {
        public double X(double lon) => XOffset + ((lon - West) * XFactor);

        public double Y(double lat) => YOffset + ((North - lat) * YFactor);
    }
}
