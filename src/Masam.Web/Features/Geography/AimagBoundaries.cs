using System.Text.Json;
using Masam.Web.Data;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;

namespace Masam.Web.Features.Geography;

/// <summary>
/// Which aimag (or the capital) a point lies in, by the OCHA/NSO boundaries in
/// <c>seed-data/mongolia/admin1-boundaries.geojson</c> at full resolution (WGS84), and a point
/// inside each unit to show it by. The reference data has first-level boundaries only: a soum
/// or district is known from the provider it is about, not from a point.
/// </summary>
public sealed class AimagBoundaries
{
    /// <summary>How far outside its boundary (in degrees, about 5 km) a point still counts for an aimag: GPS and border drawing both err.</summary>
    public const double Tolerance = 0.05;

    private readonly Lazy<IReadOnlyList<Unit>> _units;

    public AimagBoundaries() : this(SeedData.File("mongolia", "admin1-boundaries.geojson"))
    {
    }

    public AimagBoundaries(string geoJsonPath) => _units = new(() => Load(geoJsonPath));

    /// <summary>The NSO code (<c>181</c>) of the unit containing the point, or null outside Mongolia.</summary>
    public string? Locate(double latitude, double longitude)
    {
        var point = Point(latitude, longitude);
        var units = _units.Value;
        return units.FirstOrDefault(u => u.Envelope.Covers(point.Coordinate) && u.Shape.Covers(point))?.Code
            // On a border, or just over it: the nearest unit within the tolerance.
            ?? units.Where(u => u.Shape.Geometry.IsWithinDistance(point, Tolerance))
                .OrderBy(u => u.Shape.Geometry.Distance(point)).FirstOrDefault()?.Code;
    }

    /// <summary>Whether the point lies in the unit, or within <see cref="Tolerance"/> of it.</summary>
    public bool IsIn(string code, double latitude, double longitude)
    {
        var point = Point(latitude, longitude);
        return _units.Value.FirstOrDefault(u => u.Code == code) is { } unit
            && (unit.Shape.Covers(point) || unit.Shape.Geometry.IsWithinDistance(point, Tolerance));
    }

    /// <summary>A point inside the unit (its largest part's interior point), to five decimals; null for an unknown code.</summary>
    public (double Latitude, double Longitude)? PointIn(string code) =>
        _units.Value.FirstOrDefault(u => u.Code == code)?.Inside;

    private static Point Point(double latitude, double longitude) => new(longitude, latitude);

    private static List<Unit> Load(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using var file = File.OpenRead(path);
        var features = JsonSerializer.Deserialize<FeatureCollection>(file, options)
            ?? throw new InvalidOperationException($"{path} holds no features");
        var prepare = new PreparedGeometryFactory();
        return [.. features.Select(f =>
        {
            var inside = f.Geometry.InteriorPoint;
            return new Unit(
                f.Attributes["NSO_CODE"]?.ToString() ?? throw new InvalidDataException($"{path}: a feature without NSO_CODE"), prepare.Create(f.Geometry), f.Geometry.EnvelopeInternal,
                (Math.Round(inside.Y, 5), Math.Round(inside.X, 5)));
        })];
    }

    private sealed record Unit(string Code, IPreparedGeometry Shape, Envelope Envelope, (double Latitude, double Longitude) Inside);
}
