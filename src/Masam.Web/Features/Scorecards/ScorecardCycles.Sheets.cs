using System.Globalization;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Scorecards;

/// <summary>What a cycle is scored on and the scores: indicators, focus groups, the groups' and the provider's scores, and corrections after completion.</summary>
public sealed partial class ScorecardCycles
{
    public Task<ChangeOutcome> AddIndicatorsAsync(int cycleId, AddIndicatorsRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.indicators", async (cycle, errors) =>
        {
            if (cycle.Stage > ScorecardStage.CommunityScoring)
            {
                return text["error.scorecard.stageFor", Stage(cycle.Stage)];
            }

            await db.Entry(cycle).Collection(c => c.Indicators).LoadAsync(ct);
            await AddLibraryIndicatorsAsync(cycle, request.LibraryCodes, errors, ct);
            foreach (var (custom, row) in (request.Custom ?? []).Select((c, i) => (c, i)))
            {
                var mn = UserText.Clean(custom.NameMn);
                var en = UserText.Clean(custom.NameEn) ?? mn;
                if (mn is null || mn.Length > ScorecardLimits.NameLength || en!.Length > ScorecardLimits.NameLength)
                {
                    errors.Add($"custom[{row}]", text["error.scorecard.indicatorName"]);
                    continue;
                }

                cycle.Indicators.Add(new CycleIndicator { NameMn = mn, NameEn = en, Position = cycle.Indicators.Count + 1 });
            }

            return null;
        }, ct);

    public Task<ChangeOutcome> AddFocusGroupAsync(int cycleId, AddFocusGroupRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.group", async (cycle, errors) =>
        {
            if (cycle.Stage > ScorecardStage.CommunityScoring)
            {
                return text["error.scorecard.stageFor", Stage(cycle.Stage)];
            }

            if (!WireEnum<FocusGroupType>.TryParse(request.Type, out var type))
            {
                errors.Add("type", text["error.enum.unknown", request.Type ?? "", string.Join(", ", WireEnum<FocusGroupType>.All)]);
                return null;
            }

            var otherName = UserText.Clean(request.OtherName);
            if (type == FocusGroupType.Other && (otherName is null || otherName.Length > ScorecardLimits.GroupNameLength))
            {
                errors.Add("otherName", text["error.scorecard.otherName"]);
            }

            var participants = request.Participants ?? 0;
            foreach (var (field, value) in new[] { ("female", request.Female), ("withDisability", request.WithDisability), ("youth", request.Youth) })
            {
                if (value is < 0 || value > participants)
                {
                    errors.Add(field, text["error.scorecard.count", participants]);
                }
            }

            if (participants is < 1 or > ScorecardLimits.MaxParticipants)
            {
                errors.Add("participants", text["error.scorecard.participants"]);
            }

            await db.Entry(cycle).Collection(c => c.FocusGroups).LoadAsync(ct);
            if (cycle.FocusGroups.Any(g => g.Type == type && (type != FocusGroupType.Other
                || string.Equals(g.OtherName, otherName, StringComparison.OrdinalIgnoreCase))))
            {
                errors.Add("type", text["error.scorecard.groupTwice", type == FocusGroupType.Other ? otherName! : WireEnum<FocusGroupType>.Name(type)]);
            }

            if (!errors.Any)
            {
                cycle.FocusGroups.Add(new FocusGroup
                {
                    Type = type, OtherName = type == FocusGroupType.Other ? otherName : null, Participants = participants,
                    Female = request.Female ?? 0, WithDisability = request.WithDisability ?? 0, Youth = request.Youth ?? 0,
                });
            }

            return null;
        }, ct);

    /// <summary>One group's score sheet: every row is checked before any is stored; a row given again replaces the earlier score.</summary>
    public Task<ChangeOutcome> EnterGroupScoresAsync(int cycleId, int groupId, EnterScoresRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.scores", async (cycle, errors) =>
        {
            if (cycle.Stage != ScorecardStage.CommunityScoring)
            {
                return text["error.scorecard.stageFor", Stage(cycle.Stage)];
            }

            var group = await db.FocusGroups.Include(g => g.Scores).FirstOrDefaultAsync(g => g.Id == groupId && g.CycleId == cycle.Id, ct);
            if (group is null)
            {
                errors.Add("groupId", text["error.scorecard.unknownGroup", groupId]);
                return null;
            }

            foreach (var row in await CheckRowsAsync(cycle, request.Rows, errors, ct))
            {
                var existing = group.Scores.FirstOrDefault(s => s.CycleIndicatorId == row.IndicatorId);
                if (existing is null)
                {
                    group.Scores.Add(new GroupScore { CycleIndicatorId = row.IndicatorId!.Value, Score = row.Score!.Value, Reason = row.Reason, Suggestion = row.Suggestion });
                }
                else
                {
                    (existing.Score, existing.Reason, existing.Suggestion) = (row.Score!.Value, row.Reason, row.Suggestion);
                }
            }

            return null;
        }, ct);

    public Task<ChangeOutcome> EnterSelfScoresAsync(int cycleId, EnterScoresRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.self", async (cycle, errors) =>
        {
            if (cycle.Stage != ScorecardStage.ProviderSelfAssessment)
            {
                return text["error.scorecard.stageFor", Stage(cycle.Stage)];
            }

            await db.Entry(cycle).Collection(c => c.SelfScores).LoadAsync(ct);
            foreach (var row in await CheckRowsAsync(cycle, request.Rows, errors, ct))
            {
                var existing = cycle.SelfScores.FirstOrDefault(s => s.CycleIndicatorId == row.IndicatorId);
                if (existing is null)
                    cycle.SelfScores.Add(new SelfScore { CycleIndicatorId = row.IndicatorId!.Value, Score = row.Score!.Value, Reason = row.Reason });
                else
                    (existing.Score, existing.Reason) = (row.Score!.Value, row.Reason);
            }

            return null;
        }, ct, managerMay: true);

    /// <summary>A correction to a completed cycle's score: only with a reason, and audited with it.</summary>
    public Task<ChangeOutcome> CorrectAsync(int cycleId, CorrectionRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.correction", async (cycle, errors) =>
        {
            if (cycle.Stage != ScorecardStage.Completed)
            {
                return text["error.scorecard.correctOnlyCompleted"];
            }

            var reason = UserText.Clean(request.Reason);
            if (reason is null || reason.Length > ScorecardLimits.ReasonLength) errors.Add("reason", text["error.scorecard.correctionReason"]);
            if (request.Score is not (>= 1 and <= 5)) errors.Add("score", text["error.score.range", request.Score?.ToString(CultureInfo.InvariantCulture) ?? "-"]);
            if (errors.Any) return null;

            if (request.GroupId is { } groupId)
            {
                var score = await db.GroupScores.FirstOrDefaultAsync(s => s.FocusGroupId == groupId && s.CycleIndicatorId == request.IndicatorId
                    && db.FocusGroups.Any(g => g.Id == groupId && g.CycleId == cycle.Id), ct);
                if (score is null) errors.Add("indicatorId", text["error.scorecard.unknownIndicator", request.IndicatorId?.ToString(CultureInfo.InvariantCulture) ?? "-"]);
                else score.Score = request.Score!.Value;
            }
            else
            {
                await db.Entry(cycle).Collection(c => c.SelfScores).LoadAsync(ct);
                var self = cycle.SelfScores.FirstOrDefault(s => s.CycleIndicatorId == request.IndicatorId);
                if (self is null) errors.Add("indicatorId", text["error.scorecard.unknownIndicator", request.IndicatorId?.ToString(CultureInfo.InvariantCulture) ?? "-"]);
                else self.Score = request.Score!.Value;
            }

            return null;
        }, ct, allowLocked: true, note: request.Reason);

    private async Task<List<ScoreRow>> CheckRowsAsync(ScorecardCycle cycle, IReadOnlyList<ScoreRow>? rows, FieldErrors errors, CancellationToken ct)
    {
        if (rows is not { Count: > 0 })
        {
            errors.Add("rows", text["error.required"]);
            return [];
        }

        var known = await db.Entry(cycle).Collection(c => c.Indicators).Query().Select(i => i.Id).ToListAsync(ct);
        var clean = new List<ScoreRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IndicatorId is not { } indicator || !known.Contains(indicator))
                errors.Add($"rows[{i}].indicatorId", text["error.scorecard.unknownIndicator", row.IndicatorId?.ToString(CultureInfo.InvariantCulture) ?? "-"]);
            else if (rows.Take(i).Any(r => r.IndicatorId == indicator))
                errors.Add($"rows[{i}].indicatorId", text["error.scorecard.indicatorTwice", indicator]);
            if (row.Score is not (>= 1 and <= 5))
                errors.Add($"rows[{i}].score", text["error.score.range", row.Score?.ToString(CultureInfo.InvariantCulture) ?? "-"]);
            var reason = UserText.Clean(row.Reason);
            var suggestion = UserText.Clean(row.Suggestion);
            if (reason?.Length > ScorecardLimits.ScoreTextLength || suggestion?.Length > ScorecardLimits.ScoreTextLength)
                errors.Add($"rows[{i}].reason", text["error.review.body", ScorecardLimits.ScoreTextLength]);
            clean.Add(row with { Reason = reason, Suggestion = suggestion });
        }

        return errors.Any ? [] : clean;
    }

    private async Task AddLibraryIndicatorsAsync(ScorecardCycle cycle, IReadOnlyList<string>? codes, FieldErrors errors, CancellationToken ct)
    {
        if (codes is not { Count: > 0 })
        {
            return;
        }

        var library = await db.ScorecardIndicators.Where(i => codes.Contains(i.Code)).ToListAsync(ct);
        foreach (var code in codes.Distinct())
        {
            var indicator = library.FirstOrDefault(i => i.Code == code);
            if (indicator is null)
                errors.Add("indicators", text["error.scorecard.unknownIndicator", code]);
            else if (cycle.Indicators.All(i => i.LibraryIndicatorId != indicator.Id))
                cycle.Indicators.Add(new CycleIndicator { LibraryIndicatorId = indicator.Id, NameMn = indicator.NameMn, NameEn = indicator.NameEn, Position = cycle.Indicators.Count + 1 });
        }
    }
}
