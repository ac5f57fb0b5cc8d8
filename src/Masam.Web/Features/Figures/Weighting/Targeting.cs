using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// "Where to work next": ranks aimags and the capital on the indicators MASAM chose its areas by
/// that Masam can measure — poverty headcount (NSO 2018), satisfaction (weighted), answers given in
/// time, and scorecard cycles completed per 10,000 people — each turned into a need between 0 (the
/// least among the areas) and 1 (the most), combined with the analyst's weights. An indicator an
/// area lacks (a suppressed rate, no feedback due) is left out of its score, and said.
/// </summary>
public sealed class Targeting(MasamDbContext db, WeightedSatisfaction weighted)
{
    public const string PovertyFile = "admin1-poverty-headcount.csv";
    public const string PovertySource = "NSO, poverty headcount rate by aimag, 2018 (via WFP PRISM, seed-data/mongolia)";

    public static readonly string[] Indicators = ["poverty", "satisfaction", "responsiveness", "coverage"];

    /// <summary>The analyst's weights, each 0 to 100 and not all 0: what is wrong is added to <paramref name="errors"/> by indicator (all zero: under <paramref name="allZeroField"/>).</summary>
    public static void Check(IReadOnlyDictionary<string, double> weights, Infrastructure.FieldErrors errors, Microsoft.Extensions.Localization.IStringLocalizer text,
        Func<string, string> label, string allZeroField)
    {
        foreach (var (indicator, weight) in weights.Where(w => w.Value is < 0 or > 100 || double.IsNaN(w.Value)))
        {
            errors.Add(indicator, text["error.targeting.weight", label(indicator), weight]);
        }

        if (weights.Values.All(w => w == 0)) errors.Add(allZeroField, text["error.targeting.allZero"]);
    }

    public async Task<TargetingRanking> RankAsync(FigurePeriod period, IReadOnlyDictionary<string, double> weights, CancellationToken ct)
    {
        var aimags = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.First && u.ValidTo == null)
            .Select(u => new { u.Id, u.Code, u.NameMn, u.NameEn, u.Path }).OrderBy(u => u.Code).ToListAsync(ct);
        var poverty = ReadPoverty(Path.Combine(SeedData.Folder, "mongolia", PovertyFile));
        var population = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.Second && u.Population != null && u.ValidTo == null)
            .Select(u => new { u.Path, u.Population }).ToListAsync(ct);
        var months = period.MonthsCovered.ToList();
        var (first, last) = (months[0], months[^1]);
        var responsiveness = await db.ResponsivenessCounts.AsNoTracking().Where(c => c.Month >= first && c.Month <= last)
            .Join(db.Providers, c => c.ProviderId, p => p.Id, (c, p) => new { p.AdminUnit!.Path, c.Due, c.AnsweredOnTime }).ToListAsync(ct);
        var from = Infrastructure.MongolianTime.ToUtc(first.ToDateTime(TimeOnly.MinValue));
        var to = Infrastructure.MongolianTime.ToUtc(last.AddMonths(1).ToDateTime(TimeOnly.MinValue));
        var cycles = await db.ScorecardCycles.AsNoTracking().Where(c => c.Stage == ScorecardStage.Completed && c.CompletedAt >= from && c.CompletedAt < to)
            .Select(c => c.Provider!.AdminUnit!.Path).ToListAsync(ct);

        var rows = new List<TargetingArea>();
        foreach (var aimag in aimags)
        {
            bool Inside(string path) => path.StartsWith(aimag.Path, StringComparison.Ordinal);
            var people = population.Where(p => Inside(p.Path)).Sum(p => p.Population!.Value);
            var due = responsiveness.Where(r => Inside(r.Path)).Sum(r => r.Due);
            var onTime = responsiveness.Where(r => Inside(r.Path)).Sum(r => r.AnsweredOnTime);
            var satisfaction = await weighted.ComputeAsync(new FigureScope(period, aimag.Code), ct);
            rows.Add(new TargetingArea(aimag.Code, aimag.NameMn, aimag.NameEn, people,
                poverty.TryGetValue(aimag.NameMn, out var rate) ? rate : null,
                satisfaction.WeightedRate, satisfaction.N,
                due == 0 ? null : (double)onTime / due, due,
                people == 0 ? null : cycles.Count(Inside) * 10_000.0 / people, 0, []));
        }

        // Need in [0, 1] across the areas that have the indicator: high poverty, low satisfaction,
        // few answers in time and few scorecard cycles are what make an area's need.
        var needs = new Dictionary<string, Dictionary<string, double>>();
        foreach (var (indicator, value, higherIsNeed) in new (string, Func<TargetingArea, double?>, bool)[]
        {
            ("poverty", a => a.PovertyHeadcount, true), ("satisfaction", a => a.Satisfaction, false),
            ("responsiveness", a => a.AnsweredOnTime, false), ("coverage", a => a.CyclesPer10000, false),
        })
        {
            var known = rows.Where(r => value(r) is not null).ToList();
            if (known.Count == 0) continue;
            var (min, max) = (known.Min(r => value(r)!.Value), known.Max(r => value(r)!.Value));
            foreach (var row in known)
            {
                var scaled = max > min ? (value(row)!.Value - min) / (max - min) : 0.5;
                (needs.TryGetValue(row.Code, out var n) ? n : needs[row.Code] = [])[indicator] = higherIsNeed ? scaled : 1 - scaled;
            }
        }

        var scored = rows.Select(row =>
        {
            var own = needs.GetValueOrDefault(row.Code) ?? [];
            var used = Indicators.Where(i => own.ContainsKey(i) && weights.GetValueOrDefault(i) > 0).ToList();
            var total = used.Sum(i => weights[i]);
            var score = total > 0 ? used.Sum(i => weights[i] * own[i]) / total : 0;
            var missing = Indicators.Where(i => weights.GetValueOrDefault(i) > 0 && !own.ContainsKey(i)).ToList();
            return row with { Need = Math.Round(score, 4), Missing = missing };
        }).OrderByDescending(r => r.Need).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return new TargetingRanking(period.Name, weights, scored, [
            new TargetingSource("poverty", PovertySource),
            new TargetingSource("satisfaction", "Masam feedback of the period, weighted to soum populations (NSO 2020) and adults by age band (NSO 2019)"),
            new TargetingSource("responsiveness", "Masam: feedback due in the period answered within its deadline"),
            new TargetingSource("coverage", "Masam: Community Score Card cycles completed in the period, per 10,000 people (NSO 2020)"),
        ]);
    }

    /// <summary>The 2018 poverty headcount (%) by the aimag's Cyrillic name (the file has no codes).</summary>
    private static Dictionary<string, double> ReadPoverty(string path) =>
        File.ReadLines(path).Skip(2).Select(line => line.Split(','))
            .Where(cells => cells.Length >= 5 && double.TryParse(cells[4], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(cells => cells[0].Trim(), cells => double.Parse(cells[4], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}

/// <summary>One area's indicators (null when it has none: a hidden rate, nothing due) and its need score.</summary>
public sealed record TargetingArea(
    string Code, string NameMn, string NameEn, int Population, double? PovertyHeadcount, double? Satisfaction, int Responses,
    double? AnsweredOnTime, int Due, double? CyclesPer10000, double Need, IReadOnlyList<string> Missing);

public sealed record TargetingSource(string Indicator, string Source);

public sealed record TargetingRanking(string Period, IReadOnlyDictionary<string, double> Weights, IReadOnlyList<TargetingArea> Areas, IReadOnlyList<TargetingSource> Sources);
