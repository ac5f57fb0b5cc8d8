using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Scorecards;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures;

/// <summary>The figures recounted whole on every run, since they are few: response actions and agreed scorecards.</summary>
public sealed partial class FeedbackAggregation
{
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
                var community = Scorecards.CommunityScore.Consolidate(scores.Select(s => s.Score));
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
}
