using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// The satisfaction rate of a period and area weighted to the population it stands for: the
/// responses are raked to the area's soum and district populations (when it spans more than one)
/// and to its adults by age band, then the rate is given beside the unweighted one, with Kish's
/// effective sample size, the design effect, and a Wilson interval on the effective n. Whether the
/// figure may be shown is decided on the unweighted count, as for every figure. Read from the
/// stored counts, so it is as of the last aggregation run, like every figure.
/// </summary>
public sealed class WeightedSatisfaction(MasamDbContext db, PopulationMargins population, IOptions<FigureOptions> options)
{

    public async Task<WeightedFigure> ComputeAsync(FigureScope scope, CancellationToken ct)
    {
        var months = scope.Period.MonthsCovered.ToList();
        var providers = scope.Providers(db).Select(p => p.Id);
        // From the stored counts (each provider's and month's responses by age band and score, valid
        // ones only, as of the last aggregation run), summed by (soum, age band): respondents alike in
        // every margin share one weight, so those few cells are raked, whatever the number of rows.
        var sums = await db.FeedbackCounts.AsNoTracking()
            .Where(c => c.Dimension == FeedbackAggregation.AgeBandDimension && months.Contains(c.Month) && providers.Contains(c.ProviderId))
            .Join(db.Providers, c => c.ProviderId, p => p.Id, (c, p) => new { c.Value, c.C1, c.C2, c.C3, c.C4, c.C5, p.AdminUnit!.Code, p.AdminUnit.Level })
            .GroupBy(r => new { r.Value, r.Code, r.Level })
            .Select(g => new { g.Key.Value, g.Key.Code, g.Key.Level, Satisfied = g.Sum(r => r.C4 + r.C5), N = g.Sum(r => r.C1 + r.C2 + r.C3 + r.C4 + r.C5) })
            .ToListAsync(ct);
        var cells = sums.SelectMany(s => new[] { (s.Value, s.Code, s.Level, Satisfied: true, Count: s.Satisfied), (s.Value, s.Code, s.Level, Satisfied: false, Count: s.N - s.Satisfied) })
            .Where(c => c.Count > 0).ToList();

        // The soums and districts of the area, with their 2020 population.
        var soums = await SoumsOfAsync(scope, ct);
        var n = cells.Sum(c => c.Count);
        var satisfied = cells.Where(c => c.Satisfied).Sum(c => c.Count);
        var suppressed = n < options.Value.SuppressionThreshold;
        var unweighted = n == 0 ? null : (double?)satisfied / n;
        var margins = PopulationWeighting.SoumsAndAges(soums.ToDictionary(s => s.Code, s => (double)s.Population), population.AdultsOf(soums.Select(s => s.Code)));
        var estimate = suppressed ? null : PopulationWeighting.Estimate(
            [.. cells.Select(c => new WeightingCell(
                [.. margins.Select(m => m.Margin.Name == "soum" ? (c.Level == AdminUnitLevel.Second ? c.Code : "unknown") : c.Value)],
                c.Satisfied, c.Count))],
            margins);
        if (estimate is null)
        {
            return new WeightedFigure(scope.Period.Name, scope.UnitCode, n, suppressed, suppressed ? null : unweighted, null, null, null, null, null, [], []);
        }

        return new WeightedFigure(scope.Period.Name, scope.UnitCode, n, false, unweighted, estimate.Rate, estimate.Lower, estimate.Upper,
            Math.Round(estimate.EffectiveN, 1), Math.Round(estimate.DesignEffect, 3), estimate.Margins, estimate.Diagnostics);
    }

    /// <summary>
    /// Whether the question lies inside what the account may read: anything for the roles that see
    /// the whole country; for others a unit or provider within their scope (the nation, or a sector
    /// across it, is never within a unit's).
    /// </summary>
    public async Task<bool> IsWithinAsync(FigureScope scope, StaffScope staff, CancellationToken ct)
    {
        if (staff.IsNational) return true;
        if (scope.UnitCode is null && scope.ProviderId is null) return false;
        if (scope.UnitCode is { } code
            && (await db.AdminUnits.Where(u => u.Code == code).Select(u => u.Path).FirstOrDefaultAsync(ct) is not { } unitPath || !staff.Covers(unitPath)))
        {
            return false;
        }

        return scope.ProviderId is not { } id
            || (await db.Providers.Where(p => p.Id == id).Select(p => p.AdminUnit!.Path).FirstOrDefaultAsync(ct) is { } providerPath && staff.Covers(providerPath, id));
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
