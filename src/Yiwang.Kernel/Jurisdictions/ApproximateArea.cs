using NetTopologySuite.Geometries;

namespace Yiwang.Kernel.Jurisdictions;

/// <summary>A made-up but plausible area for one division, in lon/lat; the centroid is a label point inside the area.</summary>
public sealed record ApproximateArea(Geometry Area, double CentroidLon, double CentroidLat);
