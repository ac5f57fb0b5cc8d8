using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// The satisfaction rate of a period and area weighted to the population it stands for: the
/// responses are raked to the area's soum and district populations (when it spans more than one)
/// and to its adults by age band, then the rate is given beside the unweighted one, with Kish's
/// effective sample size, the design effect, and a Wilson interval on the effective n. Whether the
/// figure may be shown is decided on the unweighted count, as for every figure.
/// </summary>
public sealed class WeightedSatisfaction(MasamDbContext db, PopulationMargins population, IOptions<FigureOptions> options)
{
    /// <summary>Trimming: no weight below a fifth or above five times the mean (a common choice that keeps n_eff from collapsing).</summary>
    public static readonly RakingOptions Method = new(MaxIterations: 100, Tolerance: 1e-6, LowerBound: 0.2, UpperBound: 5);

    public async Task<WeightedFigure> ComputeAsync(FigureScope scope, CancellationToken ct)
    {
        var from = MongolianTime.ToUtc(scope.Period.FirstMonth.ToDateTime(TimeOnly.MinValue));
        var to = MongolianTime.ToUtc(scope.Period.FirstMonth.AddMonths(scope.Period.Months).ToDateTime(TimeOnly.MinValue));
        var providers = scope.Providers(db).Select(p => p.Id);
        // Respondents alike in every margin share one weight: the rows are counted by (soum, age band,
        // satisfied) in the database, and those few cells are raked, whatever the number of rows.
        var cells = await db.Feedback.AsNoTracking()
            .Where(f => f.Status != FeedbackStatus.Rejected && f.ReceivedAt >= from && f.ReceivedAt < to && providers.Contains(f.ProviderId))
            .Join(db.Providers, f => f.ProviderId, p => p.Id, (f, p) => new { Satisfied = f.Score >= 4, f.AgeBand, p.AdminUnit!.Code, p.AdminUnit.Level })
            .GroupBy(r => new { r.Satisfied, r.AgeBand, r.Code, r.Level })
            .Select(g => new { g.Key.Satisfied, g.Key.AgeBand, g.Key.Code, g.Key.Level, Count = g.Count() })
            .ToListAsync(ct);

        // The soums and districts of the area, with their 2020 population.
        var soums = await SoumsOfAsync(scope, ct);
        var n = cells.Sum(c => c.Count);
        var satisfied = cells.Where(c => c.Satisfied).Sum(c => c.Count);
        var margins = new List<RakingMargin>();
        var sources = new List<WeightingMargin>();
        if (soums.Count > 1)
        {
            margins.Add(new RakingMargin("soum", soums.ToDictionary(s => s.Code, s => (double)s.Population)));
            sources.Add(new WeightingMargin("soum", PopulationMargins.SoumSource));
        }

        var adults = soums.Select(s => population.AdultsOf(s.Code)).Where(a => a is not null).SelectMany(a => a!)
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        if (adults.Count > 0)
        {
            margins.Add(new RakingMargin("age", adults));
            sources.Add(new WeightingMargin("age", PopulationMargins.AgeSource));
        }

        var suppressed = n < options.Value.SuppressionThreshold;
        var unweighted = n == 0 ? null : (double?)satisfied / n;
        if (suppressed || n == 0)
        {
            return new WeightedFigure(scope.Period.Name, scope.UnitCode, n, suppressed, suppressed ? null : unweighted, null, null, null, null, null, sources, []);
        }

        var categories = cells.Select(c => margins.Select(m => m.Name == "soum" ? (c.Level == AdminUnitLevel.Second ? c.Code : "unknown") : PopulationMargins.BandOf(c.AgeBand)).ToArray()).ToList();
        var fit = Raking.Rake(categories, margins, Method, [.. cells.Select(c => c.Count)]);
        var total = cells.Select((c, i) => fit.Weights[i] * c.Count).Sum();
        var rate = cells.Select((c, i) => c.Satisfied ? fit.Weights[i] * c.Count : 0).Sum() / total;
        var (lower, upper) = SatisfactionStatistics.WilsonInterval(rate, fit.EffectiveSize);
        return new WeightedFigure(scope.Period.Name, scope.UnitCode, n, false, unweighted, rate, lower, upper,
            Math.Round(fit.EffectiveSize, 1), Math.Round(fit.DesignEffect, 3), sources, fit.Diagnostics);
    }

    private async Task<List<(string Code, int Population)>> SoumsOfAsync(FigureScope scope, CancellationToken ct)
    {
        var units = db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.Second && u.Population != null && u.ValidTo == null);
        if (scope.ProviderId is { } id)
        {
            units = units.Where(u => db.Providers.Any(p => p.Id == id && p.AdminUnitId == u.Id));
        }
        else if (scope.UnitCode is { } code)
        {
            var path = db.AdminUnits.Where(u => u.Code == code).Select(u => u.Path);
            units = units.Where(u => path.Any(prefix => u.Path.StartsWith(prefix)));
        }

        return (await units.Select(u => new { u.Code, u.Population }).ToListAsync(ct)).Select(u => (u.Code, u.Population!.Value)).ToList();
    }
}

/// <summary>A margin the figure was weighted to, and where its population figures come from.</summary>
public sealed record WeightingMargin(string Name, string Source);

/// <summary>
/// A weighted satisfaction figure beside the unweighted one. Null rates when the figure is
/// suppressed (fewer responses than the threshold) or has no response.
/// </summary>
public sealed record WeightedFigure(
    string Period, string? AdminUnit, int N, bool Suppressed, double? UnweightedRate, double? WeightedRate, double? WeightedLower, double? WeightedUpper,
    double? EffectiveN, double? DesignEffect, IReadOnlyList<WeightingMargin> Margins, IReadOnlyList<string> Diagnostics);
