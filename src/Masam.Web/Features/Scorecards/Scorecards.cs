using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Audit;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Scorecards;

/// <summary>
/// Running a Community Score Card cycle: planning, indicators, focus groups, the groups' scores,
/// the provider's self-assessment, and the stages in order. Within the account's scope only; each
/// change names the cycle version it was made against; a completed cycle is locked; all audited,
/// with the scores. In the method the community's side belongs to its facilitators: a provider's
/// manager may only enter the provider's self-assessment and record the interface meeting.
/// </summary>
public sealed class Scorecards(MasamDbContext db, CurrentStaff staff, VersionedChange change, Actions.ResponseActions actions, TimeProvider clock, IStringLocalizer text)
{
    public IQueryable<ScorecardCycle> InScope() =>
        db.ScorecardCycles.Where(staff.Scope.Filter<ScorecardCycle>(c => c.ProviderId, c => c.Provider!.AdminUnit!.Path));

    public Task<PagedList<ScorecardSummary>> ListAsync(int? page, int? pageSize, CancellationToken ct) =>
        InScope().AsNoTracking().OrderByDescending(c => c.PeriodStart).ThenByDescending(c => c.Id)
            .Select(c => new ScorecardSummary(c.Id, c.ProviderId, c.Provider!.NameMn, c.Provider.NameEn, c.Provider.AdminUnit!.Code,
                c.PeriodStart, c.PeriodEnd, c.FacilitatingGroup, c.Stage, c.FocusGroups.Count, c.Indicators.Count))
            .ToPageAsync(page, pageSize, ct);

    /// <summary>Whether the account runs the community's side of cycles (everyone who may edit but a provider's manager).</summary>
    public bool RunsCommunitySide => staff.Role != StaffRoles.ProviderManager;

    public async Task<ChangeOutcome> CreateAsync(CreateCycleRequest request, CancellationToken ct)
    {
        if (!RunsCommunitySide) return ChangeOutcome.Forbidden;
        var errors = new FieldErrors();
        var provider = request.ProviderId is { } id
            ? await db.Providers.Where(p => p.Id == id && p.IsActive).Select(p => new { p.Id, p.AdminUnit!.Path }).FirstOrDefaultAsync(ct)
            : null;
        if (provider is null || !staff.Scope.Covers(provider.Path, provider.Id))
        {
            errors.Add("providerId", text["error.action.outOfScope", request.ProviderId?.ToString(CultureInfo.InvariantCulture) ?? ""]);
        }

        if (request.PeriodStart is null || request.PeriodEnd is null || request.PeriodEnd < request.PeriodStart)
        {
            errors.Add("periodEnd", text["error.scorecard.period"]);
        }

        var group = FeedbackIntake.CleanText(request.FacilitatingGroup);
        if (group is null || group.Length > 300)
        {
            errors.Add("facilitatingGroup", text["error.scorecard.facilitator"]);
        }

        var cycle = new ScorecardCycle
        {
            ProviderId = provider?.Id ?? 0, PeriodStart = request.PeriodStart ?? default, PeriodEnd = request.PeriodEnd ?? default,
            FacilitatingGroup = group ?? "", Stage = ScorecardStage.Planned, CreatedAt = Now, UpdatedAt = Now,
        };
        await AddLibraryIndicatorsAsync(cycle, request.Indicators, errors, ct);
        if (errors.Any)
        {
            return ChangeOutcome.Invalid(errors);
        }

        return await change.CreateAsync(cycle, "scorecard.create", "ScorecardCycle", c => c.Id, Snapshot, ct);
    }

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
                var mn = FeedbackIntake.CleanText(custom.NameMn);
                var en = FeedbackIntake.CleanText(custom.NameEn) ?? mn;
                if (mn is null || mn.Length > 300 || en!.Length > 300)
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

            var otherName = FeedbackIntake.CleanText(request.OtherName);
            if (type == FocusGroupType.Other && (otherName is null || otherName.Length > 200))
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

            if (participants is < 1 or > 1000)
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

    /// <summary>Moves to the next stage only, once what the current stage needs is there.</summary>
    public Task<ChangeOutcome> AdvanceAsync(int cycleId, AdvanceStageRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.stage", async (cycle, errors) =>
        {
            if (!WireEnum<ScorecardStage>.TryParse(request.Stage, out var target))
            {
                errors.Add("stage", text["error.enum.unknown", request.Stage ?? "", string.Join(", ", WireEnum<ScorecardStage>.All)]);
                return null;
            }

            if (target != cycle.Stage + 1)
            {
                return text["error.scorecard.skip", Stage(cycle.Stage), Stage(target), cycle.Stage == ScorecardStage.Completed ? "-" : Stage(cycle.Stage + 1)];
            }

            var missing = await MissingBeforeLeavingAsync(cycle, ct);
            if (missing is not null)
            {
                return missing;
            }

            cycle.Stage = target;
            if (target == ScorecardStage.Completed)
            {
                cycle.CompletedAt = Now;
            }

            return null;
        }, ct);

    /// <summary>Replaces the input tracking lines ("entitled / actual / remark").</summary>
    public Task<ChangeOutcome> SetInputTrackingAsync(int cycleId, InputTrackingRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.input-tracking", async (cycle, errors) =>
        {
            if (cycle.Stage is not (ScorecardStage.Planned or ScorecardStage.InputTracking))
            {
                return text["error.scorecard.stageFor", Stage(cycle.Stage)];
            }

            var lines = new List<InputTrackingLine>();
            foreach (var (row, i) in (request.Lines ?? []).Select((r, i) => (r, i)))
            {
                var item = FeedbackIntake.CleanText(row.Item);
                var entitled = FeedbackIntake.CleanText(row.Entitled);
                var actual = FeedbackIntake.CleanText(row.Actual);
                if (item is null || entitled is null || actual is null || item.Length > 300 || entitled.Length > 300 || actual.Length > 300)
                {
                    errors.Add($"lines[{i}]", text["error.scorecard.inputLine"]);
                    continue;
                }

                lines.Add(new InputTrackingLine { Item = item, Entitled = entitled, Actual = actual, Remark = FeedbackIntake.CleanText(row.Remark) });
            }

            await db.Entry(cycle).Collection(c => c.InputTracking).LoadAsync(ct);
            if (!errors.Any)
            {
                cycle.InputTracking.Clear();
                cycle.InputTracking.AddRange(lines);
            }

            return null;
        }, ct);

    public Task<ChangeOutcome> RecordInterfaceMeetingAsync(int cycleId, InterfaceMeetingRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.interface-meeting", (cycle, errors) =>
        {
            if (cycle.Stage != ScorecardStage.InterfaceMeeting)
            {
                return Task.FromResult<string?>(text["error.scorecard.stageFor", Stage(cycle.Stage)]);
            }

            if (request.HeldOn is null || request.HeldOn < cycle.PeriodStart) errors.Add("heldOn", text["error.scorecard.meetingDate"]);
            if (request.Attendance is not (>= 1 and <= 10_000)) errors.Add("attendance", text["error.scorecard.participants"]);
            var notes = FeedbackIntake.CleanText(request.Notes);
            if (notes?.Length > 8000) errors.Add("notes", text["error.review.body", 8000]);
            (cycle.InterfaceMeetingOn, cycle.InterfaceAttendance, cycle.InterfaceNotes) = (request.HeldOn, request.Attendance, notes);
            return Task.FromResult<string?>(null);
        }, ct, managerMay: true);

    /// <summary>The joint action plan: every item becomes a tracked response action, all or none.</summary>
    public async Task<ChangeOutcome> AgreeActionPlanAsync(int cycleId, ActionPlanRequest request, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await ChangeAsync(cycleId, request.Version, "scorecard.action-plan", async (cycle, errors) =>
        {
            if (cycle.Stage != ScorecardStage.ActionPlanAgreed)
            {
                return text["error.scorecard.stageFor", Stage(cycle.Stage)];
            }

            if (request.Items is not { Count: > 0 })
            {
                errors.Add("items", text["error.signIn.required"]);
                return null;
            }

            foreach (var (item, i) in request.Items.Select((item, i) => (item, i)))
            {
                var created = await actions.CreateAsync(item with
                {
                    ScorecardCycleId = cycle.Id,
                    ResponsibleProviderId = item.ResponsibleProviderId ?? (item.ResponsibleAdminUnit is null ? cycle.ProviderId : null),
                }, ct);
                foreach (var (field, message) in created.Errors?.All ?? [])
                {
                    errors.Add($"items[{i}].{field}", message);
                }
            }

            return null;
        }, ct);

        if (outcome.Result == ChangeResult.Done)
        {
            await transaction.CommitAsync(ct);
        }

        return outcome;
    }

    /// <summary>A correction to a completed cycle's score: only with a reason, and audited with it.</summary>
    public Task<ChangeOutcome> CorrectAsync(int cycleId, CorrectionRequest request, CancellationToken ct) =>
        ChangeAsync(cycleId, request.Version, "scorecard.correction", async (cycle, errors) =>
        {
            if (cycle.Stage != ScorecardStage.Completed)
            {
                return text["error.scorecard.correctOnlyCompleted"];
            }

            var reason = FeedbackIntake.CleanText(request.Reason);
            if (reason is null || reason.Length > 1000) errors.Add("reason", text["error.scorecard.correctionReason"]);
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

    public async Task<ScorecardResults?> ResultsAsync(int cycleId, CancellationToken ct)
    {
        var cycle = await InScope().AsNoTracking().AsSplitQuery()
            .Include(c => c.Provider).Include(c => c.Indicators).Include(c => c.FocusGroups).ThenInclude(g => g.Scores).Include(c => c.SelfScores)
            .Include(c => c.InputTracking)
            .FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null)
        {
            return null;
        }

        var groups = cycle.FocusGroups.OrderBy(g => g.Type).ThenBy(g => g.OtherName).ToList();
        var indicators = cycle.Indicators.OrderBy(i => i.Position).Select(i =>
        {
            var scores = groups.SelectMany(g => g.Scores.Where(s => s.CycleIndicatorId == i.Id)
                .Select(s => new GroupScoreView(g.Id, s.Score, s.Reason, s.Suggestion))).ToList();
            decimal? community = Consolidate(scores.Select(s => s.Score));
            int? self = cycle.SelfScores.FirstOrDefault(s => s.CycleIndicatorId == i.Id)?.Score;
            return new IndicatorResult(i.Id, i.NameMn, i.NameEn, scores, community, self, self - community);
        }).ToList();
        var plan = await db.ResponseActions.AsNoTracking().Where(a => a.ScorecardCycleId == cycle.Id).OrderBy(a => a.Id)
            .Select(a => new ActionPlanItem(a.Id, a.Title, a.Status, a.ProgressPercent, a.DueOn)).ToListAsync(ct);
        return new ScorecardResults(cycle.Id, cycle.ProviderId, cycle.Provider!.NameMn, cycle.Stage, cycle.Version,
            cycle.PeriodStart, cycle.PeriodEnd, cycle.FacilitatingGroup,
            [.. cycle.InputTracking.OrderBy(l => l.Id).Select(l => new InputTrackingRow(l.Item, l.Entitled, l.Actual, l.Remark))],
            cycle.InterfaceMeetingOn is { } heldOn ? new InterfaceMeetingView(heldOn, cycle.InterfaceAttendance ?? 0, cycle.InterfaceNotes) : null,
            [.. groups.Select(g => new GroupSummary(g.Id, g.Type, g.OtherName, g.Participants, g.Female, g.WithDisability, g.Youth))], indicators, plan);
    }

    /// <summary>The community's consolidated score on an indicator: the mean of the groups' scores, to two decimals.</summary>
    public static decimal? Consolidate(IEnumerable<int> groupScores)
    {
        var scores = groupScores.ToList();
        return scores.Count == 0 ? null : Math.Round((decimal)scores.Average(), 2, MidpointRounding.AwayFromZero);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Stage(ScorecardStage stage) => WireEnum<ScorecardStage>.Name(stage);

    private async Task<string?> MissingBeforeLeavingAsync(ScorecardCycle cycle, CancellationToken ct)
    {
        var indicators = await db.Entry(cycle).Collection(c => c.Indicators).Query().Select(i => i.Id).ToListAsync(ct);
        switch (cycle.Stage)
        {
            case ScorecardStage.Planned when indicators.Count == 0:
                return text["error.scorecard.needIndicators"];
            case ScorecardStage.CommunityScoring:
                var groups = await db.FocusGroups.Where(g => g.CycleId == cycle.Id)
                    .Select(g => new { g.Type, g.OtherName, Scored = g.Scores.Select(s => s.CycleIndicatorId).ToList() }).ToListAsync(ct);
                if (groups.Count == 0) return text["error.scorecard.needGroups"];
                var unscored = groups.FirstOrDefault(g => indicators.Except(g.Scored).Any());
                return unscored is null ? null : text["error.scorecard.groupUnscored", unscored.OtherName ?? WireEnum<FocusGroupType>.Name(unscored.Type)].Value;
            case ScorecardStage.InterfaceMeeting when cycle.InterfaceMeetingOn is null:
                return text["error.scorecard.needMeeting"];
            case ScorecardStage.ActionPlanAgreed when !await db.ResponseActions.AnyAsync(a => a.ScorecardCycleId == cycle.Id, ct):
                return text["error.scorecard.needPlan"];
            case ScorecardStage.ProviderSelfAssessment:
                var self = await db.Entry(cycle).Collection(c => c.SelfScores).Query().Select(s => s.CycleIndicatorId).ToListAsync(ct);
                return indicators.Except(self).Any() ? text["error.scorecard.selfUnscored"].Value : null;
            default:
                return null;
        }
    }

    private async Task<List<ScoreRow>> CheckRowsAsync(ScorecardCycle cycle, IReadOnlyList<ScoreRow>? rows, FieldErrors errors, CancellationToken ct)
    {
        if (rows is not { Count: > 0 })
        {
            errors.Add("rows", text["error.signIn.required"]);
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
            var reason = FeedbackIntake.CleanText(row.Reason);
            var suggestion = FeedbackIntake.CleanText(row.Suggestion);
            if (reason?.Length > 2000 || suggestion?.Length > 2000)
                errors.Add($"rows[{i}].reason", text["error.review.body", 2000]);
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

    private Task<ChangeOutcome> ChangeAsync(int id, int? version, string auditAction,
        Func<ScorecardCycle, FieldErrors, Task<string?>> apply, CancellationToken ct, bool allowLocked = false, string? note = null, bool managerMay = false) =>
        !managerMay && !RunsCommunitySide ? Task.FromResult(ChangeOutcome.Forbidden) :
        change.RunAsync(WithScores(InScope().Where(c => c.Id == id)), version, auditAction, "ScorecardCycle", Id,
            c => note is null ? Snapshot(c) : new { After = Snapshot(c), Reason = note },
            (cycle, errors) => cycle.Stage == ScorecardStage.Completed && !allowLocked
                ? Task.FromResult<string?>(text["error.scorecard.locked"])
                : apply(cycle, errors),
            ct);

    private static string Id(ScorecardCycle cycle) => cycle.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The cycle with what its audit entries record: indicators, groups with their scores, self-scores.</summary>
    private static IQueryable<ScorecardCycle> WithScores(IQueryable<ScorecardCycle> cycles) => cycles.AsSplitQuery()
        .Include(c => c.Indicators).Include(c => c.FocusGroups).ThenInclude(g => g.Scores).Include(c => c.SelfScores);

    /// <summary>What the audit log keeps of a cycle: its facts, and every score by indicator, so that a correction shows what it changed.</summary>
    private static object Snapshot(ScorecardCycle c) => new
    {
        c.ProviderId, c.PeriodStart, c.PeriodEnd, c.FacilitatingGroup, Stage = Stage(c.Stage), c.Version,
        Indicators = c.Indicators.OrderBy(i => i.Position).Select(i => new { i.Id, i.NameMn }).ToList(),
        Groups = c.FocusGroups.OrderBy(g => g.Id).Select(g => new
        {
            g.Id, Type = WireEnum<FocusGroupType>.Name(g.Type), g.OtherName, g.Participants,
            Scores = g.Scores.OrderBy(s => s.CycleIndicatorId).ToDictionary(s => s.CycleIndicatorId.ToString(CultureInfo.InvariantCulture), s => s.Score),
        }).ToList(),
        SelfScores = c.SelfScores.OrderBy(s => s.CycleIndicatorId).ToDictionary(s => s.CycleIndicatorId.ToString(CultureInfo.InvariantCulture), s => s.Score),
    };
}
