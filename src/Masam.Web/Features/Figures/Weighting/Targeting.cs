using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// "Where to work next": ranks the aimags and the capital's districts on the indicators MASAM chose its areas by
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
        // The areas: the aimags, and the capital's districts in place of the capital, as MASAM chose them.
        var units = await db.AdminUnits.AsNoTracking().Where(u => u.ValidTo == null && (u.Kind == AdminUnitKind.Aimag || u.Kind == AdminUnitKind.District))
            .Select(u => new { u.Code, u.NameMn, u.NameEn, u.Path, u.Kind, ParentNameMn = u.Parent == null ? null : u.Parent.NameMn })
            .OrderBy(u => u.Kind).ThenBy(u => u.Code).ToListAsync(ct);
        var poverty = ReadPoverty(Path.Combine(SeedData.Folder, "mongolia", PovertyFile));
        var months = period.MonthsCovered.ToList();
        var (first, last) = (months[0], months[^1]);
        var (from, to) = (period.StartUtc, period.EndUtc);

        // Each soum's or district's figures once, then each to the area it lies in (the longest path that holds it).
        var areaOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? AreaOf(string path) => areaOf.TryGetValue(path, out var code) ? code
            : areaOf[path] = units.Where(u => path.StartsWith(u.Path, StringComparison.Ordinal)).MaxBy(u => u.Path.Length)?.Code;
        var population = (await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.Second && u.Population != null && u.ValidTo == null)
                .Select(u => new { u.Path, u.Population }).ToListAsync(ct))
            .GroupBy(u => AreaOf(u.Path) ?? "").ToDictionary(g => g.Key, g => g.Sum(u => u.Population!.Value));
        var responsiveness = (await db.ResponsivenessCounts.AsNoTracking().Where(c => c.Month >= first && c.Month <= last)
                .Join(db.Providers, c => c.ProviderId, p => p.Id, (c, p) => new { p.AdminUnit!.Path, c.Due, c.AnsweredOnTime })
                .GroupBy(r => r.Path).Select(g => new { Path = g.Key, Due = g.Sum(r => r.Due), OnTime = g.Sum(r => r.AnsweredOnTime) }).ToListAsync(ct))
            .GroupBy(r => AreaOf(r.Path) ?? "").ToDictionary(g => g.Key, g => (Due: g.Sum(r => r.Due), OnTime: g.Sum(r => r.OnTime)));
        var cycles = (await db.ScorecardCycles.AsNoTracking().Where(c => c.Stage == ScorecardStage.Completed && c.CompletedAt >= from && c.CompletedAt < to)
                .GroupBy(c => c.Provider!.AdminUnit!.Path).Select(g => new { Path = g.Key, Count = g.Count() }).ToListAsync(ct))
            .GroupBy(c => AreaOf(c.Path) ?? "").ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

        var rows = new List<TargetingArea>();
        foreach (var unit in units)
        {
            var people = population.GetValueOrDefault(unit.Code);
            var (due, onTime) = responsiveness.GetValueOrDefault(unit.Code);
            var satisfaction = await weighted.ComputeAsync(new FigureScope(period, unit.Code), ct);
            // The NSO table has no district figures: a district takes the capital's.
            var povertyName = unit.Kind == AdminUnitKind.District ? unit.ParentNameMn! : unit.NameMn;
            rows.Add(new TargetingArea(unit.Code, unit.NameMn, unit.NameEn, unit.Kind == AdminUnitKind.District ? "district" : "aimag", people,
                poverty.TryGetValue(povertyName, out var rate) ? rate : null,
                satisfaction.WeightedRate, satisfaction.N,
                due == 0 ? null : (double)onTime / due, due,
                people == 0 ? null : cycles.GetValueOrDefault(unit.Code) * 10_000.0 / people, 0, []));
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
            new TargetingSource("poverty", PovertySource + "; a district of the capital takes the capital's rate, the table having none by district"),
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
/// <param name="Kind"><c>aimag</c> or <c>district</c> (of the capital).</param>
public sealed record TargetingArea(
    string Code, string NameMn, string NameEn, string Kind, int Population, double? PovertyHeadcount, double? Satisfaction, int Responses,
    double? AnsweredOnTime, int Due, double? CyclesPer10000, double Need, IReadOnlyList<string> Missing);

public sealed record TargetingSource(string Indicator, string Source);

public sealed record TargetingRanking(string Period, IReadOnlyDictionary<string, double> Weights, IReadOnlyList<TargetingArea> Areas, IReadOnlyList<TargetingSource> Sources);
