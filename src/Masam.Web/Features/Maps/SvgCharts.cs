using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Masam.Web.Features.Maps;

/// <summary>Charts drawn on the server as small inline SVG: no script, no other host, readable without CSS.</summary>
public static class SvgCharts
{
    /// <summary>One period of a trend: its label and, unless suppressed, the rate with its interval.</summary>
    public sealed record TrendPoint(string Label, double? Rate, double? Lower, double? Upper);

    /// <summary>
    /// The satisfaction rate over periods as a line with its 95 % interval as a band, 0-100 % on the
    /// vertical axis; a suppressed period is a gap, not a zero. Drawn at about the size a phone shows
    /// it (320 units for some 290 pixels, text of 14 units), so that its text stays at least 12 px;
    /// a quarter is labelled "Q3" with its year beneath where the year begins.
    /// </summary>
    public static IHtmlContent Trend(IReadOnlyList<TrendPoint> points, string title, int width = 320, int height = 200)
    {
        const int left = 48, right = 12, top = 10, bottom = 40;
        var (plotWidth, plotHeight) = (width - left - right, height - top - bottom);
        double X(int i) => left + (points.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(points.Count - 1));
        double Y(double rate) => top + plotHeight * (1 - rate);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\" focusable=\"false\">");
        foreach (var tick in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(Y(tick))}\" y2=\"{F(Y(tick))}\" class=\"grid\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(Y(tick) + 4)}\" text-anchor=\"end\">{tick * 100:0} %</text>");
        }

        // Runs of consecutive shown periods: a band for the interval and a line for the rate.
        var run = new List<int>();
        void Flush()
        {
            if (run.Count == 0) return;
            var band = run.Select(i => $"{F(X(i))},{F(Y(points[i].Upper!.Value))}").Concat(run.AsEnumerable().Reverse().Select(i => $"{F(X(i))},{F(Y(points[i].Lower!.Value))}"));
            svg.Append($"<polygon class=\"band\" points=\"{string.Join(' ', band)}\"/>");
            svg.Append($"<polyline class=\"line\" points=\"{string.Join(' ', run.Select(i => $"{F(X(i))},{F(Y(points[i].Rate!.Value))}"))}\"/>");
            run.Clear();
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Rate is null) Flush();
            else run.Add(i);
        }

        Flush();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (point.Rate is { } rate)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" cx=\"{F(X(i))}\" cy=\"{F(Y(rate))}\" r=\"3.5\"><title>{WebUtility.HtmlEncode(point.Label)}: {rate * 100:0} %</title></circle>");
            }

            var (year, quarter) = point.Label.Split('-') is [var y, var q] ? (y, q) : ("", point.Label);
            var yearBegins = i == 0 || !points[i - 1].Label.StartsWith(year, StringComparison.Ordinal);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{height - 24}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(quarter)}</text>");
            if (yearBegins && year.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{height - 8}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(year)}</text>");
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
