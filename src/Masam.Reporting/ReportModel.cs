namespace Masam.Reporting;

/// <summary>
/// Everything one publication says, already counted and suppressed: the writers only lay it out.
/// Names come in Mongolian and English; free text has been screened (<see cref="PublicText"/>).
/// </summary>
public sealed record ReportModel(
    ReportHeader Header,
    FigureRow Total,
    IReadOnlyList<FigureRow> Units,
    IReadOnlyList<FigureRow> Sectors,
    IReadOnlyList<ProviderRow> Providers,
    Responsiveness Responsiveness,
    IReadOnlyList<ScorecardRow> Scorecards,
    IReadOnlyList<ScorecardGroupRow> ScorecardGroups,
    IReadOnlyList<ActionRow> Actions,
    IReadOnlyList<BudgetRow> Budget);

/// <param name="Period">2026-Q1 or 2026.</param>
/// <param name="UnitCode">The aimag or district's code; null for the national report.</param>
/// <param name="Replaces">The publication this version corrects, and why.</param>
public sealed record ReportHeader(
    string Period, DateOnly PeriodStart, DateOnly PeriodEnd, string? UnitCode, string UnitNameMn, string UnitNameEn,
    int Version, DateTime GeneratedAt, string MethodVersion, int SuppressionThreshold, DateTime? FiguresCountedAt,
    int? Replaces, string? CorrectionReason);

/// <summary>
/// Satisfaction of one row (a unit, a sector, a provider or the total). When <see cref="Disclosure"/>
/// is not <c>shown</c>, every figure is null and the row says why: <c>small-cell</c> (fewer responses
/// than the threshold), <c>complementary</c> (hidden so that a small cell cannot be worked out from a
/// total), <c>no-data</c>. A shown total of an area also has its population-weighted rate, with
/// its interval on the effective n (the rest have none).
/// </summary>
public sealed record FigureRow(
    string Code, string NameMn, string NameEn, string Disclosure, int? N, double? Mean, double? Rate, double? RateLower, double? RateUpper,
    double? ChangeFromPrevious, bool? SignificantChange,
    double? WeightedRate = null, double? WeightedLower = null, double? WeightedUpper = null, double? EffectiveN = null)
{
    public bool Shown => Disclosure == "shown";
}

public sealed record ProviderRow(
    string Code, string NameMn, string NameEn, string UnitCode, string UnitNameMn, string UnitNameEn, string SectorCode,
    string? RegistrationNumber, FigureRow Satisfaction, int Received, int AnsweredOnTime, int Due, double? AnsweredOnTimeRate,
    int Overdue, double? MedianDaysToFirstAnswer);

public sealed record Responsiveness(
    int Received, int Due, int Answered, int AnsweredOnTime, double? AnsweredOnTimeRate, int Closed, int Overdue,
    double? MedianDaysToFirstAnswer, double? MedianDaysToClose,
    int Actions, int ActionsDue, int ActionsDone, int ActionsDoneOnTime, double? ActionsDoneOnTimeRate, int ActionsOverdue);

/// <summary>One indicator of one agreed Community Score Card cycle.</summary>
public sealed record ScorecardRow(
    int CycleId, string ProviderCode, string ProviderNameMn, string ProviderNameEn, string IndicatorMn, string IndicatorEn,
    int Groups, decimal? CommunityScore, int? SelfScore, decimal? Gap);

/// <summary>One focus group's score on one indicator: kept beside the consolidated score, never merged away.</summary>
public sealed record ScorecardGroupRow(int CycleId, string ProviderCode, string IndicatorMn, string IndicatorEn, string Group, int Participants, int Score);

public sealed record ActionRow(
    int Id, string Title, string ResponsibleMn, string ResponsibleEn, DateOnly DueOn, string Status, int ProgressPercent,
    decimal? CostMnt, string? FundingSource, DateOnly? CompletedOn);

/// <summary>Per funding source: the cost of the actions agreed (not dropped) and of those done.</summary>
public sealed record BudgetRow(string FundingSource, int Actions, decimal CommittedMnt, decimal SpentMnt);
