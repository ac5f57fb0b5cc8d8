using Masam.Web.Data;
using Masam.Web.Features.Maps;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>What the public pages show of the figures: the trend by quarter, and how to say that a figure is hidden.</summary>
public static class PublicFigures
{
    /// <summary>The latest month with counts, or null before the first aggregation.</summary>
    public static Task<DateOnly?> LatestMonthAsync(MasamDbContext db, CancellationToken ct) =>
        db.FeedbackCounts.Select(c => (DateOnly?)c.Month).MaxAsync(ct);

    /// <summary>The satisfaction rate of the eight quarters up to <paramref name="latest"/>'s, for a unit or a provider.</summary>
    public static async Task<IReadOnlyList<SvgCharts.TrendPoint>> TrendAsync(
        MasamDbContext db, IStringLocalizer text, DateOnly latest, string? adminUnit, int? provider, int threshold, CancellationToken ct)
    {
        var points = new List<SvgCharts.TrendPoint>();
        var current = new DateOnly(latest.Year, (latest.Month - 1) / 3 * 3 + 1, 1);
        for (var i = 7; i >= 0; i--)
        {
            var start = current.AddMonths(-3 * i);
            var quarter = $"{start.Year}-Q{(start.Month - 1) / 3 + 1}";
            var scope = (await FigureScope.ReadAsync(db, text, new FieldErrors(), quarter, adminUnit, provider, null, ct))!;
            var cell = (await SatisfactionEndpoints.CellsAsync(db, scope, "dimension", "all", null, threshold, ct)).SingleOrDefault();
            points.Add(new SvgCharts.TrendPoint(quarter, cell?.Rate, cell?.RateLower, cell?.RateUpper));
        }

        return points;
    }

    /// <summary>The text key that says why a cell shows no figure.</summary>
    public static string HiddenKey(SatisfactionCell? cell) => cell?.Disclosure switch
    {
        null or CellDisclosure.NoData => "home.map.noData",
        CellDisclosure.Complementary => "home.map.complementary",
        _ => "home.map.suppressed",
    };
}
