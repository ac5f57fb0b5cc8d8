using Masam.Web.Features.Scorecards;

namespace Masam.Web.Features.Figures;

// The shapes figure questions are answered in, by the API, the pages and the reports alike.

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

public sealed record ScorecardFigures(
    string Period, string? AdminUnit, int? Provider, string? Sector, string MethodVersion, DateTime? CountedAt,
    IReadOnlyList<ScorecardCycleFigures> Cycles, IReadOnlyList<ScorecardIndicatorSummary> Indicators);

public sealed record ScorecardCycleFigures(
    int CycleId, int ProviderId, string ProviderNameMn, string ProviderNameEn, string AdminUnitCode, DateOnly Month,
    IReadOnlyList<ScorecardIndicatorFigures> Indicators);

public sealed record ScorecardIndicatorFigures(
    int CycleIndicatorId, int? LibraryIndicatorId, string NameMn, string NameEn, IReadOnlyList<ScorecardGroupScore> Groups,
    decimal? CommunityScore, int? SelfScore, decimal? Gap);

public sealed record ScorecardGroupScore(int FocusGroupId, FocusGroupType GroupType, string? GroupName, int Participants, int Score);

/// <summary>One library indicator across the cycles of the scope: the means of the consolidated score, the self-score and the gap.</summary>
public sealed record ScorecardIndicatorSummary(
    int LibraryIndicatorId, string NameMn, string NameEn, int Cycles, decimal? MeanCommunityScore, decimal? MeanSelfScore, decimal? MeanGap);
