using System.Globalization;
using System.Text.RegularExpressions;

namespace Masam.Web.Features.Figures;

/// <summary>A period figures are given for: a month (<c>2026-03</c>), a quarter (<c>2026-Q1</c>) or a year (<c>2026</c>).</summary>
public sealed partial record FigurePeriod(string Name, DateOnly FirstMonth, int Months)
{
    public IReadOnlyList<DateOnly> MonthsCovered => [.. Enumerable.Range(0, Months).Select(FirstMonth.AddMonths)];

    /// <summary>The moment the period begins (midnight of its first day in Mongolia), in UTC.</summary>
    public DateTime StartUtc => Infrastructure.MongolianTime.ToUtc(FirstMonth.ToDateTime(TimeOnly.MinValue));

    /// <summary>The moment the next period begins, in UTC: the period is [StartUtc, EndUtc).</summary>
    public DateTime EndUtc => Infrastructure.MongolianTime.ToUtc(FirstMonth.AddMonths(Months).ToDateTime(TimeOnly.MinValue));

    /// <summary>Whether the period has ended by <paramref name="asOf"/> (UTC), on Mongolia's calendar.</summary>
    public bool HasEndedBy(DateTime asOf) => Infrastructure.MongolianTime.MonthOf(asOf) >= FirstMonth.AddMonths(Months);

    /// <summary>The period of the same length just before.</summary>
    public FigurePeriod Previous() => Months switch
    {
        1 => Of(FirstMonth.AddMonths(-1), 1, "yyyy-MM"),
        3 => QuarterOf(FirstMonth.AddMonths(-3)),
        _ => new FigurePeriod((FirstMonth.Year - 1).ToString(CultureInfo.InvariantCulture), FirstMonth.AddYears(-1), 12),
    };

    /// <summary>The quarter a month falls in (<c>2026-Q1</c>): the one place a quarter is named.</summary>
    public static FigurePeriod QuarterOf(DateOnly month)
    {
        var quarter = (month.Month - 1) / 3 + 1;
        return new FigurePeriod(string.Create(CultureInfo.InvariantCulture, $"{month.Year}-Q{quarter}"), new DateOnly(month.Year, (quarter - 1) * 3 + 1, 1), 3);
    }

    /// <summary>Quarter 1 to 4 of a year.</summary>
    public static FigurePeriod Quarter(int year, int quarter) => QuarterOf(new DateOnly(year, (quarter - 1) * 3 + 1, 1));

    public static FigurePeriod? Parse(string? text)
    {
        var match = Pattern().Match(text ?? "");
        if (!match.Success) return null;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100) return null;
        if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            return new FigurePeriod(text!.ToUpperInvariant(), new DateOnly(year, (quarter - 1) * 3 + 1, 1), 3);
        }

        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? Of(new DateOnly(year, month, 1), 1, "yyyy-MM") : null;
        }

        return new FigurePeriod(year.ToString(CultureInfo.InvariantCulture), new DateOnly(year, 1, 1), 12);
    }

    private static FigurePeriod Of(DateOnly first, int months, string format) =>
        new(first.ToString(format, CultureInfo.InvariantCulture), first, months);

    [GeneratedRegex(@"^(?<year>\d{4})(-Q(?<quarter>[1-4])|-(?<month>\d{2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
