using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Figures;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.QueryFeed;

/// <summary>
/// One published satisfaction figure of the feed: a quarter or a year, the nation, an aimag (or the
/// capital) or a soum (or district), one value of one dimension. Suppressed as the reports are:
/// <see cref="Disclosure"/> says why a figure is missing, and it is never zero.
/// </summary>
public sealed class SatisfactionFigureRow
{
    [Key]
    public required string Id { get; set; }

    /// <summary><c>2026-Q1</c> or <c>2026</c>.</summary>
    public required string Period { get; set; }

    /// <summary><c>quarter</c> or <c>year</c>.</summary>
    public required string PeriodType { get; set; }

    public DateOnly PeriodStart { get; set; }

    /// <summary><c>national</c>, <c>aimag</c> or <c>soum</c>.</summary>
    public required string Level { get; set; }

    public required string UnitCode { get; set; }
    public required string UnitNameMn { get; set; }
    public required string UnitNameEn { get; set; }
    public string? AimagCode { get; set; }
    public required string Dimension { get; set; }
    public required string Value { get; set; }
    public required string Disclosure { get; set; }
    public int? N { get; set; }
    public double? Mean { get; set; }
    public double? Rate { get; set; }
    public double? RateLower { get; set; }
    public double? RateUpper { get; set; }
}

/// <summary>
/// Builds the feed's satisfaction figures from the stored counts, once per aggregation run (kept in
/// memory until the next run finishes). Suppression: a cell under the threshold; a second value of
/// the same dimension where one alone is small; soums as siblings under their aimag's total and
/// aimags under the nation's; and every breakdown of a unit whose total is hidden, which would
/// otherwise add back up to it.
/// </summary>
public sealed class SatisfactionFigureCatalogue(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private (DateTime? CountedAt, IReadOnlyList<SatisfactionFigureRow> Rows) _cache = (DateTime.MinValue, []);

    public async Task<IReadOnlyList<SatisfactionFigureRow>> GetAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        var countedAt = await FigureScope.CountedAtAsync(db, ct);
        if (_cache.CountedAt == countedAt) return _cache.Rows;

        await _building.WaitAsync(ct);
        try
        {
            if (_cache.CountedAt != countedAt) _cache = (countedAt, await BuildAsync(db, SatisfactionEndpoints.Threshold(configuration), ct));
            return _cache.Rows;
        }
        finally
        {
            _building.Release();
        }
    }

    private sealed record Key(string Period, string Unit, string Dimension, string Value);

    private static async Task<IReadOnlyList<SatisfactionFigureRow>> BuildAsync(MasamDbContext db, int threshold, CancellationToken ct)
    {
        var units = await db.AdminUnits.AsNoTracking().Select(u => new { u.Code, u.Path, u.NameMn, u.NameEn }).ToDictionaryAsync(u => u.Code, ct);
        var sums = await db.FeedbackCounts.AsNoTracking()
            .Join(db.Providers, c => c.ProviderId, p => p.Id, (c, p) => new { p.AdminUnit!.Code, c.Month, c.Dimension, c.Value, c.C1, c.C2, c.C3, c.C4, c.C5 })
            .GroupBy(x => new { x.Code, x.Month, x.Dimension, x.Value })
            .Select(g => new { g.Key.Code, g.Key.Month, g.Key.Dimension, g.Key.Value, C1 = g.Sum(x => x.C1), C2 = g.Sum(x => x.C2), C3 = g.Sum(x => x.C3), C4 = g.Sum(x => x.C4), C5 = g.Sum(x => x.C5) })
            .ToListAsync(ct);

        // Every count goes to its quarter and its year, at the soum, the aimag and the nation.
        var counts = new Dictionary<Key, int[]>();
        foreach (var s in sums)
        {
            var path = units[s.Code].Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            string[] periods = [$"{s.Month.Year}-Q{(s.Month.Month - 1) / 3 + 1}", s.Month.Year.ToString(CultureInfo.InvariantCulture)];
            string?[] levels = ["MN", path[0], path.Length > 1 ? path[1] : null];
            foreach (var period in periods)
            {
                foreach (var unit in levels.OfType<string>())
                {
                    var key = new Key(period, unit, s.Dimension, s.Value);
                    if (!counts.TryGetValue(key, out var c)) counts[key] = c = new int[5];
                    (c[0], c[1], c[2], c[3], c[4]) = (c[0] + s.C1, c[1] + s.C2, c[2] + s.C3, c[3] + s.C4, c[4] + s.C5);
                }
            }
        }

        var disclosure = counts.Keys.ToDictionary(k => k, k => Disclosure.Primary(counts[k].Sum(), threshold));
        void Siblings(IEnumerable<Key> keys)
        {
            var list = keys.OrderBy(k => k.Unit, StringComparer.Ordinal).ThenBy(k => k.Value, StringComparer.Ordinal).ToList();
            var result = Disclosure.Siblings([.. list.Select(k => counts[k].Sum())], threshold);
            for (var i = 0; i < list.Count; i++)
            {
                if (result[i] == CellDisclosure.Complementary && disclosure[list[i]] == CellDisclosure.Shown) disclosure[list[i]] = CellDisclosure.Complementary;
            }
        }

        string? ParentOf(string unit) => unit == "MN" ? null : units[unit].Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } p ? p[0] : "MN";
        foreach (var group in counts.Keys.Where(k => k.Dimension != "all").GroupBy(k => (k.Period, k.Unit, k.Dimension))) Siblings(group);
        foreach (var group in counts.Keys.Where(k => k.Dimension == "all" && k.Unit != "MN").GroupBy(k => (k.Period, Parent: ParentOf(k.Unit)))) Siblings(group);
        foreach (var key in counts.Keys.Where(k => k.Dimension != "all"))
        {
            if (disclosure.GetValueOrDefault(key with { Dimension = "all", Value = "" }) is not CellDisclosure.Shown && disclosure[key] == CellDisclosure.Shown)
                disclosure[key] = CellDisclosure.Complementary;
        }

        return [.. counts.OrderBy(c => c.Key.Period, StringComparer.Ordinal).ThenBy(c => c.Key.Unit, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Dimension, StringComparer.Ordinal).ThenBy(c => c.Key.Value, StringComparer.Ordinal)
            .Select(c =>
            {
                var (key, shown) = (c.Key, disclosure[c.Key] == CellDisclosure.Shown);
                var stats = shown ? SatisfactionStatistics.FromCounts(c.Value) : null;
                var period = FigurePeriod.Parse(key.Period)!;
                var unit = key.Unit == "MN" ? null : units[key.Unit];
                return new SatisfactionFigureRow
                {
                    Id = $"{key.Period}|{key.Unit}|{key.Dimension}|{key.Value}", Period = key.Period, PeriodType = period.Months == 3 ? "quarter" : "year",
                    PeriodStart = period.FirstMonth, Level = unit is null ? "national" : ParentOf(key.Unit) == "MN" ? "aimag" : "soum", UnitCode = key.Unit,
                    UnitNameMn = unit?.NameMn ?? "Монгол Улс", UnitNameEn = unit?.NameEn ?? "Mongolia", AimagCode = unit is null ? null : ParentOf(key.Unit) == "MN" ? key.Unit : ParentOf(key.Unit),
                    Dimension = key.Dimension, Value = key.Value, Disclosure = Infrastructure.WireEnum<CellDisclosure>.Name(disclosure[key]),
                    N = stats?.N, Mean = stats?.Mean, Rate = stats?.Rate, RateLower = stats?.RateLower, RateUpper = stats?.RateUpper,
                };
            })];
    }
}
