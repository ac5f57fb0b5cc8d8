using Masam.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>
/// How fast and how fully bodies answer, from the stored counts: for the feedback received in the
/// period, the share answered within the deadline, the median days to the first answer and to
/// closing, and what is still overdue; for the response actions falling due in the period, the
/// share done on time, what is overdue and what it costs. These figures are about public bodies,
/// not about citizens, so no cell is suppressed; each carries its n.
/// </summary>
public static class ResponsivenessEndpoints
{
    public static RouteHandlerBuilder MapResponsivenessApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/responsiveness", GetAsync).AllowAnonymous().WithTags("Figures")
            .WithName("GetResponsiveness")
            .WithSummary("Responsiveness for a period and a scope: answered within the deadline, median days to answer and close, overdue; actions done on time")
            .WithDescription("period: 2026, 2026-Q1 or 2026-03 (feedback by month received, actions by month due). adminUnit: NSO code; provider: id; sector: code.");

    private static Task<Results<Ok<ResponsivenessFigures>, ValidationProblem>> GetAsync(
        MasamDbContext db, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null) =>
        FigureScope.RespondAsync(db, text, period, adminUnit, provider, sector, scope => ReadAsync(db, scope, ct), ct);

    public static async Task<ResponsivenessFigures> ReadAsync(MasamDbContext db, FigureScope scope, CancellationToken ct)
    {
        var months = scope.Period.MonthsCovered.ToList();
        var feedback = await db.ResponsivenessCounts.AsNoTracking()
            .Where(c => months.Contains(c.Month) && scope.Providers.Any(p => p.Id == c.ProviderId))
            .GroupBy(c => 1)
            .Select(g => new
            {
                Received = g.Sum(c => c.Received), Due = g.Sum(c => c.Due), Answered = g.Sum(c => c.Answered),
                AnsweredOnTime = g.Sum(c => c.AnsweredOnTime), Closed = g.Sum(c => c.Closed), Overdue = g.Sum(c => c.Overdue),
            })
            .FirstOrDefaultAsync(ct);
        var histograms = await db.ResponsivenessCounts.AsNoTracking()
            .Where(c => months.Contains(c.Month) && scope.Providers.Any(p => p.Id == c.ProviderId) && (c.DaysToAnswer != null || c.DaysToClose != null))
            .Select(c => new { c.DaysToAnswer, c.DaysToClose })
            .ToListAsync(ct);
        var actions = db.ActionCounts.AsNoTracking().Where(c => months.Contains(c.Month));
        if (scope.UnitPath is { } path) actions = actions.Where(c => db.AdminUnits.Any(u => u.Id == c.AdminUnitId && u.Path.StartsWith(path)));
        if (scope.ProviderId is not null || scope.Sector is not null) actions = actions.Where(c => scope.Providers.Any(p => p.Id == c.ProviderId));
        var actionTotals = await actions.GroupBy(c => 1)
            .Select(g => new
            {
                Total = g.Sum(c => c.Total), Due = g.Sum(c => c.Due), Done = g.Sum(c => c.Done), DoneOnTime = g.Sum(c => c.DoneOnTime),
                Overdue = g.Sum(c => c.Overdue), Dropped = g.Sum(c => c.Dropped), CostMnt = g.Sum(c => c.CostMnt),
            })
            .FirstOrDefaultAsync(ct);

        return new ResponsivenessFigures(
            scope.Period.Name, scope.UnitCode, scope.ProviderId, scope.Sector, FeedbackAggregation.MethodVersion, await FigureScope.CountedAtAsync(db, ct),
            new FeedbackResponsiveness(
                feedback?.Received ?? 0, feedback?.Due ?? 0, feedback?.Answered ?? 0, feedback?.AnsweredOnTime ?? 0,
                Share(feedback?.AnsweredOnTime ?? 0, feedback?.Due ?? 0), feedback?.Closed ?? 0, feedback?.Overdue ?? 0,
                DayHistogram.Median(histograms.Select(h => h.DaysToAnswer)), DayHistogram.Median(histograms.Select(h => h.DaysToClose))),
            new ActionResponsiveness(
                actionTotals?.Total ?? 0, actionTotals?.Due ?? 0, actionTotals?.Done ?? 0, actionTotals?.DoneOnTime ?? 0,
                Share(actionTotals?.DoneOnTime ?? 0, actionTotals?.Due ?? 0), actionTotals?.Overdue ?? 0, actionTotals?.Dropped ?? 0,
                actionTotals?.CostMnt ?? 0));
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>The median of values given as a histogram (value, how many times): the middle value, or the mean of the middle two.</summary>
    public static double? Median(IReadOnlyList<(int Value, int Count)> histogram)
    {
        var sorted = histogram.Where(h => h.Count > 0).OrderBy(h => h.Value).ToList();
        long n = sorted.Sum(h => (long)h.Count);
        if (n == 0) return null;

        int ValueAt(long rank) // rank counted from 1
        {
            long seen = 0;
            foreach (var (value, count) in sorted)
            {
                seen += count;
                if (seen >= rank) return value;
            }

            return sorted[^1].Value;
        }

        return n % 2 == 1 ? ValueAt((n + 1) / 2) : (ValueAt(n / 2) + ValueAt(n / 2 + 1)) / 2.0;
    }
}

public sealed record ResponsivenessFigures(
    string Period, string? AdminUnit, int? Provider, string? Sector, string MethodVersion, DateTime? CountedAt,
    FeedbackResponsiveness Feedback, ActionResponsiveness Actions);

/// <summary>
/// The feedback received in the period: <c>due</c> is what has been answered or has passed its
/// deadline, the base of <c>answeredOnTimeRate</c>; <c>overdue</c> is still open past its deadline.
/// </summary>
public sealed record FeedbackResponsiveness(
    int Received, int Due, int Answered, int AnsweredOnTime, double? AnsweredOnTimeRate, int Closed, int Overdue,
    double? MedianDaysToFirstAnswer, double? MedianDaysToClose);

/// <summary>The actions falling due in the period (dropped ones apart): <c>due</c> is done, or past the due date.</summary>
public sealed record ActionResponsiveness(
    int Total, int Due, int Done, int DoneOnTime, double? DoneOnTimeRate, int Overdue, int Dropped, decimal CostMnt);
