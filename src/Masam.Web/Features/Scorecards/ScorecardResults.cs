namespace Masam.Web.Features.Scorecards;

/// <summary>
/// A cycle's results: per indicator, every group's score side by side (never merged away), the
/// community's consolidated score (the mean of the groups), the provider's self-score and the gap.
/// </summary>
public sealed record ScorecardResults(
    int CycleId, int ProviderId, string ProviderNameMn, ScorecardStage Stage, int Version,
    IReadOnlyList<GroupSummary> Groups, IReadOnlyList<IndicatorResult> Indicators);

public sealed record GroupSummary(int Id, FocusGroupType Type, string? OtherName, int Participants, int Female, int WithDisability, int Youth);

public sealed record IndicatorResult(
    int IndicatorId, string NameMn, string NameEn, IReadOnlyList<GroupScoreView> GroupScores,
    decimal? CommunityScore, int? SelfScore, decimal? Gap);

public sealed record GroupScoreView(int GroupId, int Score, string? Reason, string? Suggestion);
