using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>How the pages say a period, and why a cell shows no figure, in the reader's language.</summary>
public static class FigureText
{
    public static string Period(IStringLocalizer text, FigurePeriod period) => period.Months == 3
        ? text["period.quarter", period.FirstMonth.Year, (period.FirstMonth.Month - 1) / 3 + 1]
        : text["period.year", period.FirstMonth.Year];

    /// <summary>The text key that says why a cell shows no figure.</summary>
    public static string HiddenKey(SatisfactionCell? cell) => cell?.Disclosure switch
    {
        null or CellDisclosure.NoData => "home.map.noData",
        CellDisclosure.Complementary => "home.map.complementary",
        CellDisclosure.Held => "home.map.held",
        CellDisclosure.Withheld => "home.map.withheld",
        _ => "home.map.suppressed",
    };

    /// <summary>A shown total's population-weighted rate (<c>72.4 %</c>), or a dash where it has none.</summary>
    public static string Weighted(SatisfactionCell? cell) => cell?.Weighted is { } weighted ? $"{weighted.Rate * 100:0.0} %" : "–";
}
