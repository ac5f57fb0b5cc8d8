using System.Globalization;
using System.Text;
using System.Text.Json;
using Masam.Web.Data;

namespace Masam.Web.Features.Maps;

/// <summary>
/// Mongolia's 21 aimags and the capital as small inline SVG paths, made once from the OCHA/NSO
/// boundaries in <c>seed-data/mongolia/admin1-boundaries.geojson</c> (2.3 MB): projected with the
/// longitude scaled by cos 47° (an equirectangular view centred on Mongolia), simplified
/// (Douglas-Peucker) to about a pixel of a 1000-wide map, small islands and holes dropped, and
/// rounded to whole units.
/// </summary>
public sealed class AimagMap
{
    public const int Width = 1000;
    private const double MinLon = 87.7, MaxLon = 119.95, MinLat = 41.55, MaxLat = 52.15;
    private static readonly double LonScale = Math.Cos(47 * Math.PI / 180);
    private static readonly double Scale = Width / ((MaxLon - MinLon) * LonScale);

    public AimagMap() : this(SeedData.File("mongolia", "admin1-boundaries.geojson"))
    {
    }

    public AimagMap(string geoJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(geoJsonPath));
        var shapes = new Dictionary<string, string>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty("NSO_CODE").GetString()!;
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? geometry.GetProperty("coordinates").EnumerateArray().ToList()
                : [geometry.GetProperty("coordinates")];
            var path = new StringBuilder();
            foreach (var ring in polygons.SelectMany(p => p.EnumerateArray()))
            {
                var points = ring.EnumerateArray().Select(c => Project(c[0].GetDouble(), c[1].GetDouble())).ToList();
                if (Area(points) < 30) continue; // islands and holes smaller than a few pixels
                var kept = Simplify(points, 1.2);
                path.Append('M').Append(string.Join('L', kept.Select(p => $"{Math.Round(p.X).ToString(CultureInfo.InvariantCulture)} {Math.Round(p.Y).ToString(CultureInfo.InvariantCulture)}")))
                    .Append('Z');
            }

            shapes[code] = path.ToString();
        }

        Paths = shapes;
    }

    public int Height { get; } = (int)Math.Ceiling((MaxLat - MinLat) * Scale);

    /// <summary>The SVG path of each aimag and the capital, by NSO code.</summary>
    public IReadOnlyDictionary<string, string> Paths { get; }

    private static (double X, double Y) Project(double lon, double lat) => ((lon - MinLon) * LonScale * Scale, (MaxLat - lat) * Scale);

    private static double Area(List<(double X, double Y)> ring) =>
        Math.Abs(ring.Zip(ring.Skip(1).Append(ring[0]), (a, b) => a.X * b.Y - b.X * a.Y).Sum()) / 2;

    private static List<(double X, double Y)> Simplify(List<(double X, double Y)> points, double tolerance)
    {
        if (points.Count < 4) return points;
        var keep = new bool[points.Count];
        keep[0] = keep[^1] = true;
        var stack = new Stack<(int First, int Last)>();
        stack.Push((0, points.Count - 1));
        while (stack.Count > 0)
        {
            var (first, last) = stack.Pop();
            var (index, distance) = (-1, 0.0);
            for (var i = first + 1; i < last; i++)
            {
                var d = Distance(points[i], points[first], points[last]);
                if (d > distance) (index, distance) = (i, d);
            }

            if (index >= 0 && distance > tolerance)
            {
                keep[index] = true;
                stack.Push((first, index));
                stack.Push((index, last));
            }
        }

        return [.. points.Where((_, i) => keep[i])];
    }

    private static double Distance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        return length == 0 ? Math.Sqrt(Math.Pow(p.X - a.X, 2) + Math.Pow(p.Y - a.Y, 2)) : Math.Abs(dy * p.X - dx * p.Y + b.X * a.Y - b.Y * a.X) / length;
    }
}
