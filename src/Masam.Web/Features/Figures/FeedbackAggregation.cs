using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Scorecards;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures;

/// <summary>
/// Counts the figures every page, feed and report reads. Valid feedback (everything but rejected
/// items) per provider and month: each score per dimension value (<see cref="FeedbackCount"/>), how
/// it was answered (<see cref="ResponsivenessCount"/>, <see cref="ResponseDelay"/>); and, recounted
/// whole each time since they are few, response actions by due month (<see cref="ActionCount"/>)
/// and the scores of agreed scorecards (<see cref="ScorecardFigure"/>).
/// The full run recounts everything; the incremental run recounts only the (provider, month) cells
/// in which some feedback changed, or passed its deadline, since the last run's watermark, and so
/// ends with exactly the rows a full run would. Each run is one transaction: one that dies half-way
/// leaves the previous figures as they were, and is simply run again.
/// </summary>
public sealed class FeedbackAggregation(MasamDbContext db, TimeProvider clock, ILogger<FeedbackAggregation> logger)
{
    /// <summary>Raised whenever what is counted, or how, changes; every run records it, and a new version forces a full run.</summary>
    public const string MethodVersion = "2";

    /// <summary>Changes this recent are left to the next run, so that no transaction still committing is missed.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);

    public const string NotGiven = "not-given";

    public async Task<AggregationRun> FullAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var asOf = started - SettleTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.FeedbackCounts.ExecuteDeleteAsync(ct);
        await db.ResponsivenessCounts.ExecuteDeleteAsync(ct);
        await db.ResponseDelays.ExecuteDeleteAsync(ct);
        var cells = await CountFeedbackAsync(db.Feedback, asOf, ct);
        await CountActionsAsync(asOf, ct);
        await CountScorecardsAsync(ct);
        var run = await RecordAsync("full", started, null, asOf, cells, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    public async Task<AggregationRun> IncrementalAsync(CancellationToken ct)
    {
        var last = await db.AggregationRuns.AsNoTracking().OrderByDescending(r => r.WatermarkTo).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (last is null || last.MethodVersion != MethodVersion)
        {
            return await FullAsync(ct);
        }

        var started = clock.GetUtcNow().UtcDateTime;
        var (from, to) = (last.WatermarkTo, started - SettleTime);
        var changed = await db.Feedback.Where(f => f.UpdatedAt > from && f.UpdatedAt <= to)
            .Select(f => new Cell(f.ProviderId, f.ReceivedMonth)).Distinct().ToListAsync(ct);
        // Unanswered items whose deadline passed in between change the due and overdue counts without being touched.
        changed = [.. changed.Union(await db.Feedback
            .Where(f => UnansweredStatuses.Contains(f.Status) && f.DueAt > from && f.DueAt <= to)
            .Select(f => new Cell(f.ProviderId, f.ReceivedMonth)).Distinct().ToListAsync(ct))];

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var month in changed.GroupBy(c => c.Month))
        {
            var providers = month.Select(c => c.ProviderId).ToList();
            await db.FeedbackCounts.Where(c => c.Month == month.Key && providers.Contains(c.ProviderId)).ExecuteDeleteAsync(ct);
            await db.ResponsivenessCounts.Where(c => c.Month == month.Key && providers.Contains(c.ProviderId)).ExecuteDeleteAsync(ct);
            await db.ResponseDelays.Where(c => c.Month == month.Key && providers.Contains(c.ProviderId)).ExecuteDeleteAsync(ct);
            await CountFeedbackAsync(db.Feedback.Where(f => f.ReceivedMonth == month.Key && providers.Contains(f.ProviderId)), to, ct);
        }

        await CountActionsAsync(to, ct);
        await CountScorecardsAsync(ct);
        var run = await RecordAsync("incremental", started, from, to, changed.Count, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    private static readonly FeedbackStatus[] UnansweredStatuses =
        [FeedbackStatus.Received, FeedbackStatus.Acknowledged, FeedbackStatus.InProgress, FeedbackStatus.Closed];

    private sealed record Cell(int ProviderId, DateOnly Month);

    /// <summary>The stages of a cycle whose scores were agreed at the interface meeting (stages are stored by name, so no range).</summary>
    private static readonly ScorecardStage[] AgreedStages = [.. Enum.GetValues<ScorecardStage>().Where(s => s >= ScorecardStage.ActionPlanAgreed)];

    private async Task<AggregationRun> RecordAsync(string kind, DateTime started, DateTime? from, DateTime to, int cells, CancellationToken ct)
    {
        var run = new AggregationRun
        {
            Kind = kind, MethodVersion = MethodVersion, StartedAt = started, FinishedAt = clock.GetUtcNow().UtcDateTime,
            WatermarkFrom = from, WatermarkTo = to, CellsRecounted = cells,
        };
        db.AggregationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Aggregation {Kind} recounted {Cells} cells up to {Watermark:o}", kind, cells, to);
        return run;
    }

    /// <summary>
    /// Counts the given feedback into every figure row of its (provider, month) cells, with
    /// deadlines judged at <paramref name="asOf"/>; returns how many cells it covered.
    /// </summary>
    private async Task<int> CountFeedbackAsync(IQueryable<FeedbackItem> source, DateTime asOf, CancellationToken ct)
    {
        var valid = source.Where(f => f.Status != FeedbackStatus.Rejected);
        var cells = await CountScoresAsync(valid, ct);
        await TableInserter<ResponsivenessCount>.InsertAllAsync(db, await valid
            .GroupBy(f => new { f.ProviderId, f.ReceivedMonth })
            .Select(g => new ResponsivenessCount
            {
                ProviderId = g.Key.ProviderId, Month = g.Key.ReceivedMonth, Received = g.Count(),
                Due = g.Count(f => f.AnsweredAt != null || f.DueAt < asOf),
                Answered = g.Count(f => f.AnsweredAt != null),
                AnsweredOnTime = g.Count(f => f.AnsweredAt != null && f.AnsweredAt <= f.DueAt),
                Closed = g.Count(f => f.Status == FeedbackStatus.Closed),
                Overdue = g.Count(f => (f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.Acknowledged || f.Status == FeedbackStatus.InProgress)
                    && f.DueAt < asOf),
            }).ToListAsync(ct), ct);
        var toAnswer = await valid.Where(f => f.DaysToAnswer != null)
            .GroupBy(f => new { f.ProviderId, f.ReceivedMonth, f.DaysToAnswer })
            .Select(g => new ResponseDelay { ProviderId = g.Key.ProviderId, Month = g.Key.ReceivedMonth, Measure = ResponseDelay.FirstAnswer, Days = g.Key.DaysToAnswer!.Value, Count = g.Count() })
            .ToListAsync(ct);
        var toClose = await valid.Where(f => f.Status == FeedbackStatus.Closed && f.DaysToClose != null)
            .GroupBy(f => new { f.ProviderId, f.ReceivedMonth, f.DaysToClose })
            .Select(g => new ResponseDelay { ProviderId = g.Key.ProviderId, Month = g.Key.ReceivedMonth, Measure = ResponseDelay.Close, Days = g.Key.DaysToClose!.Value, Count = g.Count() })
            .ToListAsync(ct);
        await TableInserter<ResponseDelay>.InsertAllAsync(db, toAnswer.Concat(toClose), ct);
        return cells;
    }

    /// <summary>
    /// One grouped scan over every dimension column at once, then the rows of each dimension are
    /// summed from those combinations in memory; returns how many (provider, month) cells it covered.
    /// </summary>
    private async Task<int> CountScoresAsync(IQueryable<FeedbackItem> valid, CancellationToken ct)
    {
        var combinations = await valid
            .GroupBy(f => new { f.ProviderId, f.ReceivedMonth, f.Gender, f.AgeBand, f.HasDisability, f.HerderHousehold, f.Channel, f.ServiceLineCode })
            .Select(g => new Combination(g.Key.ProviderId, g.Key.ReceivedMonth, g.Key.Gender, g.Key.AgeBand, g.Key.HasDisability, g.Key.HerderHousehold,
                g.Key.Channel, g.Key.ServiceLineCode,
                g.Count(f => f.Score == 1), g.Count(f => f.Score == 2), g.Count(f => f.Score == 3), g.Count(f => f.Score == 4), g.Count(f => f.Score == 5)))
            .ToListAsync(ct);

        var rows = Dimensions.SelectMany(d => combinations
            .GroupBy(c => (c.ProviderId, c.Month, Value: d.ValueOf(c)))
            .Select(g => new FeedbackCount
            {
                ProviderId = g.Key.ProviderId, Month = g.Key.Month, Dimension = d.Name, Value = g.Key.Value,
                C1 = g.Sum(c => c.C1), C2 = g.Sum(c => c.C2), C3 = g.Sum(c => c.C3), C4 = g.Sum(c => c.C4), C5 = g.Sum(c => c.C5),
            }));
        await TableInserter<FeedbackCount>.InsertAllAsync(db, rows, ct);
        return combinations.Select(c => (c.ProviderId, c.Month)).Distinct().Count();
    }

    /// <summary>Recounts the response actions by admin unit, provider and due month, with due dates judged at <paramref name="asOf"/>.</summary>
    private async Task CountActionsAsync(DateTime asOf, CancellationToken ct)
    {
        await db.ActionCounts.ExecuteDeleteAsync(ct);
        var today = MongolianTime.DateOf(asOf);
        var actions = await db.ResponseActions.AsNoTracking()
            .Select(a => new { a.AdminUnitId, a.ResponsibleProviderId, a.DueOn, a.Status, a.CompletedAt, a.CostMnt })
            .ToListAsync(ct);
        await TableInserter<ActionCount>.InsertAllAsync(db, actions
            .GroupBy(a => (a.AdminUnitId, a.ResponsibleProviderId, Month: new DateOnly(a.DueOn.Year, a.DueOn.Month, 1)))
            .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.AdminUnitId).ThenBy(g => g.Key.ResponsibleProviderId)
            .Select(g =>
            {
                var kept = g.Where(a => a.Status != ActionStatus.Dropped).ToList();
                var open = kept.Where(a => a.Status != ActionStatus.Done).ToList();
                return new ActionCount
                {
                    AdminUnitId = g.Key.AdminUnitId, ProviderId = g.Key.ResponsibleProviderId, Month = g.Key.Month,
                    Total = kept.Count, Dropped = g.Count() - kept.Count,
                    Done = kept.Count - open.Count,
                    DoneOnTime = kept.Count(a => a.Status == ActionStatus.Done && a.CompletedAt is { } at && MongolianTime.DateOf(at) <= a.DueOn),
                    Overdue = open.Count(a => a.DueOn < today),
                    Due = kept.Count - open.Count(a => a.DueOn >= today),
                    CostMnt = kept.Sum(a => a.CostMnt ?? 0),
                };
            }), ct);
    }

    /// <summary>Recounts the published scorecard figures: every cycle whose action plan has been agreed at the interface meeting.</summary>
    private async Task CountScorecardsAsync(CancellationToken ct)
    {
        await db.ScorecardGroupFigures.ExecuteDeleteAsync(ct);
        await db.ScorecardFigures.ExecuteDeleteAsync(ct);
        var cycles = await db.ScorecardCycles.AsNoTracking().AsSplitQuery()
            .Where(c => AgreedStages.Contains(c.Stage))
            .Include(c => c.Indicators).Include(c => c.FocusGroups).ThenInclude(g => g.Scores).Include(c => c.SelfScores)
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        var figures = new List<ScorecardFigure>();
        var groupFigures = new List<ScorecardGroupFigure>();
        foreach (var cycle in cycles)
        {
            foreach (var indicator in cycle.Indicators.OrderBy(i => i.Position))
            {
                var scores = cycle.FocusGroups.OrderBy(g => g.Id)
                    .SelectMany(g => g.Scores.Where(s => s.CycleIndicatorId == indicator.Id).Select(s => (Group: g, s.Score))).ToList();
                var community = Scorecards.Scorecards.Consolidate(scores.Select(s => s.Score));
                var self = cycle.SelfScores.FirstOrDefault(s => s.CycleIndicatorId == indicator.Id)?.Score;
                figures.Add(new ScorecardFigure
                {
                    CycleId = cycle.Id, CycleIndicatorId = indicator.Id, ProviderId = cycle.ProviderId,
                    Month = new DateOnly(cycle.PeriodEnd.Year, cycle.PeriodEnd.Month, 1), LibraryIndicatorId = indicator.LibraryIndicatorId,
                    NameMn = indicator.NameMn, NameEn = indicator.NameEn, Position = indicator.Position, Groups = scores.Count,
                    CommunityScore = community, SelfScore = self, Gap = self - community,
                });
                groupFigures.AddRange(scores.Select(s => new ScorecardGroupFigure
                {
                    CycleId = cycle.Id, CycleIndicatorId = indicator.Id, FocusGroupId = s.Group.Id, GroupType = s.Group.Type,
                    GroupName = s.Group.OtherName, Participants = s.Group.Participants, Score = s.Score,
                }));
            }
        }

        await TableInserter<ScorecardFigure>.InsertAllAsync(db, figures, ct);
        await TableInserter<ScorecardGroupFigure>.InsertAllAsync(db, groupFigures, ct);
    }

    /// <summary>The dimensions figures are broken down by, and each combination's value in them.</summary>
    public static readonly IReadOnlyList<(string Name, Func<Combination, string> ValueOf)> Dimensions =
    [
        ("all", _ => ""),
        ("gender", c => c.Gender is { } v ? WireEnum<Gender>.Name(v) : NotGiven),
        ("age-band", c => c.AgeBand is { } v ? WireEnum<AgeBand>.Name(v) : NotGiven),
        ("disability", c => YesNo(c.HasDisability)),
        ("herder-household", c => YesNo(c.HerderHousehold)),
        ("channel", c => WireEnum<FeedbackChannel>.Name(c.Channel)),
        ("service-line", c => c.ServiceLine ?? NotGiven),
    ];

    /// <summary>The count of each score for one combination of every dimension's value.</summary>
    public sealed record Combination(int ProviderId, DateOnly Month, Gender? Gender, AgeBand? AgeBand, bool? HasDisability, bool? HerderHousehold,
        FeedbackChannel Channel, string? ServiceLine, int C1, int C2, int C3, int C4, int C5);

    private static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => NotGiven };

}
