namespace Masam.Web.Features.Scorecards;

/// <summary>
/// A cycle's results: per indicator, every group's score side by side (never merged away), the
/// community's consolidated score (the mean of the groups), the provider's self-score and the gap.
/// </summary>
public sealed record ScorecardResults(
    int CycleId, int ProviderId, string ProviderNameMn, ScorecardStage Stage, int Version,
    DateOnly PeriodStart, DateOnly PeriodEnd, string FacilitatingGroup,
    IReadOnlyList<InputTrackingRow> InputTracking, InterfaceMeetingView? InterfaceMeeting,
    IReadOnlyList<GroupSummary> Groups, IReadOnlyList<IndicatorResult> Indicators, IReadOnlyList<ActionPlanItem> ActionPlan);

public sealed record InterfaceMeetingView(DateOnly HeldOn, int Attendance, string? Notes);

public sealed record ActionPlanItem(int ActionId, string Title, Actions.ActionStatus Status, int ProgressPercent, DateOnly DueOn);

public sealed record GroupSummary(int Id, FocusGroupType Type, string? OtherName, int Participants, int Female, int WithDisability, int Youth);

public sealed record IndicatorResult(
    int IndicatorId, string NameMn, string NameEn, IReadOnlyList<GroupScoreView> GroupScores,
    decimal? CommunityScore, int? SelfScore, decimal? Gap);

public sealed record GroupScoreView(int GroupId, int Score, string? Reason, string? Suggestion);

public sealed record ScorecardSummary(
    int Id, int ProviderId, string ProviderNameMn, string ProviderNameEn, string AdminUnitCode,
    DateOnly PeriodStart, DateOnly PeriodEnd, string FacilitatingGroup, ScorecardStage Stage, int Groups, int Indicators);
