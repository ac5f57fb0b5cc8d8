using Masam.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures;

public sealed partial class PublishedFigures
{
    /// <summary>
    /// How fast and how fully bodies answer, for the feedback received in the period (by month) and
    /// the response actions falling due in it. These figures are about public bodies, not about
    /// what citizens said, so no cell is hidden; each carries its n.
    /// </summary>
    public async Task<ResponsivenessFigures> ResponsivenessAsync(FigureScope scope, CancellationToken ct)
    {
        var months = scope.Period.MonthsCovered.ToList();
        var providers = scope.Providers(db);
        var counts = db.ResponsivenessCounts.AsNoTracking().Where(c => months.Contains(c.Month) && providers.Any(p => p.Id == c.ProviderId));
        var feedback = await counts.GroupBy(c => 1)
            .Select(g => new
            {
                Received = g.Sum(c => c.Received), Due = g.Sum(c => c.Due), Answered = g.Sum(c => c.Answered),
                AnsweredOnTime = g.Sum(c => c.AnsweredOnTime), Closed = g.Sum(c => c.Closed), Overdue = g.Sum(c => c.Overdue),
            })
            .FirstOrDefaultAsync(ct);
        var histograms = await counts.Where(c => c.DaysToAnswer != null || c.DaysToClose != null)
            .Select(c => new { c.DaysToAnswer, c.DaysToClose }).ToListAsync(ct);
        var actions = db.ActionCounts.AsNoTracking().Where(c => months.Contains(c.Month));
        if (scope.UnitCode is { } unit)
        {
            var path = db.AdminUnits.Where(u => u.Code == unit).Select(u => u.Path);
            actions = actions.Where(c => db.AdminUnits.Any(u => u.Id == c.AdminUnitId && path.Any(prefix => u.Path.StartsWith(prefix))));
        }

        if (scope.ProviderId is not null || scope.Sector is not null) actions = actions.Where(c => providers.Any(p => p.Id == c.ProviderId));
        var done = await actions.GroupBy(c => 1)
            .Select(g => new
            {
                Total = g.Sum(c => c.Total), Due = g.Sum(c => c.Due), Done = g.Sum(c => c.Done), DoneOnTime = g.Sum(c => c.DoneOnTime),
                Overdue = g.Sum(c => c.Overdue), Dropped = g.Sum(c => c.Dropped), CostMnt = g.Sum(c => c.CostMnt),
            })
            .FirstOrDefaultAsync(ct);

        return new ResponsivenessFigures(
            scope.Period.Name, scope.UnitCode, scope.ProviderId, scope.Sector, FeedbackAggregation.MethodVersion, await CountedAtAsync(ct),
            new FeedbackResponsiveness(
                feedback?.Received ?? 0, feedback?.Due ?? 0, feedback?.Answered ?? 0, feedback?.AnsweredOnTime ?? 0,
                Share(feedback?.AnsweredOnTime ?? 0, feedback?.Due ?? 0), feedback?.Closed ?? 0, feedback?.Overdue ?? 0,
                DayHistogram.Median(histograms.Select(h => h.DaysToAnswer)), DayHistogram.Median(histograms.Select(h => h.DaysToClose))),
            new ActionResponsiveness(
                done?.Total ?? 0, done?.Due ?? 0, done?.Done ?? 0, done?.DoneOnTime ?? 0,
                Share(done?.DoneOnTime ?? 0, done?.Due ?? 0), done?.Overdue ?? 0, done?.Dropped ?? 0, done?.CostMnt ?? 0));
    }

    /// <summary>How each provider of the scope answered the feedback it received in the period, for the reports.</summary>
    public async Task<IReadOnlyDictionary<int, ProviderResponsiveness>> ResponsivenessByProviderAsync(FigureScope scope, CancellationToken ct)
    {
        var months = scope.Period.MonthsCovered.ToList();
        var providers = scope.Providers(db);
        var counts = await db.ResponsivenessCounts.AsNoTracking()
            .Where(c => months.Contains(c.Month) && providers.Any(p => p.Id == c.ProviderId)).ToListAsync(ct);
        return counts.GroupBy(c => c.ProviderId).ToDictionary(g => g.Key, g =>
        {
            var (due, onTime) = (g.Sum(c => c.Due), g.Sum(c => c.AnsweredOnTime));
            return new ProviderResponsiveness(g.Sum(c => c.Received), onTime, due, Share(onTime, due), g.Sum(c => c.Overdue),
                DayHistogram.Median(g.Select(c => c.DaysToAnswer)));
        });
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>
    /// Community Score Card figures: every agreed cycle ending in the period, each indicator with
    /// every group's score side by side, the consolidated score, the self-score and the gap; and per
    /// library indicator, the means across those cycles. Indicator names raised by a community and
    /// named groups are screened like every other text that reaches the public.
    /// </summary>
    public async Task<ScorecardFigures> ScorecardsAsync(FigureScope scope, CancellationToken ct)
    {
        var months = scope.Period.MonthsCovered.ToList();
        var providers = scope.Providers(db);
        var figures = await db.ScorecardFigures.AsNoTracking()
            .Where(f => months.Contains(f.Month) && providers.Any(p => p.Id == f.ProviderId))
            .OrderBy(f => f.CycleId).ThenBy(f => f.Position)
            .ToListAsync(ct);
        var cycleIds = figures.Select(f => f.CycleId).Distinct().ToList();
        var groups = (await db.ScorecardGroupFigures.AsNoTracking().Where(g => cycleIds.Contains(g.CycleId)).ToListAsync(ct))
            .OrderBy(g => g.GroupType).ThenBy(g => g.FocusGroupId)
            .ToLookup(g => (g.CycleId, g.CycleIndicatorId));
        var providerIds = figures.Select(f => f.ProviderId).Distinct().ToList();
        var names = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id))
            .Select(p => new { p.Id, p.NameMn, p.NameEn, p.AdminUnit!.Code }).ToDictionaryAsync(p => p.Id, ct);

        var cycles = figures.GroupBy(f => f.CycleId).Select(cycle =>
        {
            var first = cycle.First();
            var provider = names[first.ProviderId];
            return new ScorecardCycleFigures(cycle.Key, first.ProviderId, provider.NameMn, provider.NameEn, provider.Code, first.Month,
                [.. cycle.Select(f => new ScorecardIndicatorFigures(f.CycleIndicatorId, f.LibraryIndicatorId, PublicText.Screen(f.NameMn)!, PublicText.Screen(f.NameEn)!,
                    [.. groups[(f.CycleId, f.CycleIndicatorId)].Select(g => new ScorecardGroupScore(g.FocusGroupId, g.GroupType, PublicText.Screen(g.GroupName), g.Participants, g.Score))],
                    f.CommunityScore, f.SelfScore, f.Gap))]);
        }).ToList();

        // Across cycles only the library's indicators compare; a cycle's own indicators stand in their cycle.
        var byIndicator = figures.Where(f => f.LibraryIndicatorId is not null).GroupBy(f => f.LibraryIndicatorId!.Value).OrderBy(g => g.Key)
            .Select(g => new ScorecardIndicatorSummary(g.Key, g.First().NameMn, g.First().NameEn, g.Select(f => f.CycleId).Distinct().Count(),
                MeanOf(g.Select(f => f.CommunityScore)), MeanOf(g.Select(f => (decimal?)f.SelfScore)), MeanOf(g.Select(f => f.Gap))))
            .ToList();
        return new ScorecardFigures(scope.Period.Name, scope.UnitCode, scope.ProviderId, scope.Sector, FeedbackAggregation.MethodVersion,
            await CountedAtAsync(ct), cycles, byIndicator);
    }

    private static decimal? MeanOf(IEnumerable<decimal?> values)
    {
        var given = values.OfType<decimal>().ToList();
        return given.Count == 0 ? null : Math.Round(given.Average(), 2, MidpointRounding.AwayFromZero);
    }
}

/// <summary>How one provider answered the feedback it received in a period.</summary>
public sealed record ProviderResponsiveness(int Received, int AnsweredOnTime, int Due, double? AnsweredOnTimeRate, int Overdue, double? MedianDaysToFirstAnswer);

/// <summary>One published satisfaction figure with where and when it is for, as the feed lists them.</summary>
public sealed record PublishedFigure(string Period, FigureLevel Level, string UnitCode, int ProviderId, string? AimagCode, string Dimension, SatisfactionCell Cell);
