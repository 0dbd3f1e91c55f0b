using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.OverlayNG;

namespace Yiwang.Kernel.Jurisdictions;

/// <summary>The real outline of 黄陂区 (lon/lat, most likely GCJ-02 like most Chinese web-map sources).</summary>
public static class DistrictOutline
{
    internal const string OutlineResource = "huangpi_420116_district_boundary.geojson";

    private static readonly GeometryFactory _factory =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions _options = new()
    {
        Converters = { new GeoJsonConverterFactory(_factory) },
    };

    private static readonly Lazy<Geometry> _outline = new(Read);

    /// <summary>A fresh copy on each call, because NTS geometries are mutable.</summary>
    public static Geometry Load() => _outline.Value.Copy();

    private static Geometry Read()
    {
        FeatureCollection? features;
        using (var stream = DivisionCatalog.OpenResource(OutlineResource))
        {
            try
            {
                features = JsonSerializer.Deserialize<FeatureCollection>(stream, _options);
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"Embedded outline '{OutlineResource}' is not valid GeoJSON: {ex.Message}", ex);
            }
        }

        var geometries = features?.Select(f => f.Geometry).Where(g => g is { IsEmpty: false }).ToList() ?? [];
        var outline = geometries.Count switch
        {
            0 => throw new InvalidOperationException($"Embedded outline '{OutlineResource}' has no geometry."),
            1 => geometries[0],
            _ => OverlayNGRobust.Union(geometries, _factory),
        };

        if (outline is not (Polygon or MultiPolygon) || !outline.IsValid)
        {
            throw new InvalidOperationException(
                $"Embedded outline '{OutlineResource}' is not a valid Polygon or MultiPolygon (found {outline.GeometryType}).");
        }

        return outline;
    }
}
