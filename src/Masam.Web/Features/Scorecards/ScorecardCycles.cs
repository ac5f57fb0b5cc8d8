using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
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
/// <remarks>The sheets (indicators, groups, scores, corrections) are in <c>ScorecardCycles.Sheets.cs</c>;
/// input tracking, the interface meeting and the action plan in <c>ScorecardCycles.Meeting.cs</c>.</remarks>
public sealed partial class ScorecardCycles(MasamDbContext db, CurrentStaff staff, VersionedChange change, Actions.ResponseActions actions, TimeProvider clock, IStringLocalizer text)
{
    public IQueryable<ScorecardCycle> InScope() =>
        db.ScorecardCycles.Where(staff.Scope.Filter<ScorecardCycle>(c => c.ProviderId, c => c.Provider!.AdminUnit!.Path));

    public Task<PagedList<ScorecardSummary>> ListAsync(int? page, int? pageSize, CancellationToken ct) =>
        InScope().AsNoTracking().OrderByDescending(c => c.PeriodStart).ThenByDescending(c => c.Id)
            .Select(c => new ScorecardSummary(c.Id, c.ProviderId, c.Provider!.NameMn, c.Provider.NameEn, c.Provider.AdminUnit!.Code,
                c.PeriodStart, c.PeriodEnd, c.FacilitatingGroup, c.Stage, c.FocusGroups.Count, c.Indicators.Count))
            .ToPageAsync(page, pageSize, ct);

    /// <summary>What an account told it may not run the community's side is told.</summary>
    public const string NotYourSide = "problem.forbidden.scorecard";

    /// <summary>Whether the account runs the community's side of cycles (everyone who may edit but a provider's manager).</summary>
    public bool RunsCommunitySide => staff.Role != StaffRoles.ProviderManager;

    public async Task<ChangeOutcome> CreateAsync(CreateCycleRequest request, CancellationToken ct)
    {
        if (!RunsCommunitySide) return ChangeOutcome.ForbiddenFor(NotYourSide);
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

        var group = UserText.Clean(request.FacilitatingGroup);
        if (group is null || group.Length > ScorecardLimits.NameLength)
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
            decimal? community = CommunityScore.Consolidate(scores.Select(s => s.Score));
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

    private Task<ChangeOutcome> ChangeAsync(int id, int? version, string auditAction,
        Func<ScorecardCycle, FieldErrors, Task<string?>> apply, CancellationToken ct, bool allowLocked = false, string? note = null, bool managerMay = false) =>
        !managerMay && !RunsCommunitySide ? Task.FromResult(ChangeOutcome.ForbiddenFor(NotYourSide)) :
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
