using Masam.Web.Features.Providers;

namespace Masam.Web.Features.Scorecards;

/// <summary>
/// One Community Score Card cycle for one provider and period: the community's focus groups score
/// a set of indicators, the provider scores itself on the same ones, and the gap is discussed.
/// </summary>
public sealed class ScorecardCycle : Infrastructure.IVersioned
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }

    /// <summary>The civil-society group that facilitates the cycle.</summary>
    public required string FacilitatingGroup { get; set; }

    public ScorecardStage Stage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int Version { get; set; }

    /// <summary>The interface meeting, where community and provider compare scores and agree the plan.</summary>
    public DateOnly? InterfaceMeetingOn { get; set; }

    public int? InterfaceAttendance { get; set; }
    public string? InterfaceNotes { get; set; }
    public List<InputTrackingLine> InputTracking { get; set; } = [];
    public List<CycleIndicator> Indicators { get; set; } = [];
    public List<FocusGroup> FocusGroups { get; set; } = [];
    public List<SelfScore> SelfScores { get; set; } = [];
}

/// <summary>The stages of a cycle, in order; each is entered only from the one before.</summary>
public enum ScorecardStage
{
    Planned,
    InputTracking,
    CommunityScoring,
    ProviderSelfAssessment,
    InterfaceMeeting,
    ActionPlanAgreed,
    FollowUp,
    Completed,
}

/// <summary>Input tracking: what the provider is entitled to against what is really there.</summary>
public sealed class InputTrackingLine
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public required string Item { get; set; }
    public required string Entitled { get; set; }
    public required string Actual { get; set; }
    public string? Remark { get; set; }
}

/// <summary>An indicator of a cycle: from the library, or raised by the community in its own words.</summary>
public sealed class CycleIndicator
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public int? LibraryIndicatorId { get; set; }
    public ScorecardIndicator? LibraryIndicator { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
    public int Position { get; set; }
}

/// <summary>A focus group, kept apart so that no group's voice is drowned by another's.</summary>
public sealed class FocusGroup
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public FocusGroupType Type { get; set; }

    /// <summary>The group's name when <see cref="Type"/> is Other (TB patients, temporary residents...).</summary>
    public string? OtherName { get; set; }

    public int Participants { get; set; }
    public int Female { get; set; }
    public int WithDisability { get; set; }
    public int Youth { get; set; }
    public List<GroupScore> Scores { get; set; } = [];
}

public enum FocusGroupType
{
    Women,
    Men,
    Youth,
    Elderly,
    PeopleWithDisabilities,
    Herders,
    PoorHouseholds,
    Other,
}

/// <summary>One group's score (1 very bad ... 5 very good) of one indicator, with its reason and suggestion.</summary>
public sealed class GroupScore
{
    public int FocusGroupId { get; set; }
    public int CycleIndicatorId { get; set; }
    public int Score { get; set; }
    public string? Reason { get; set; }
    public string? Suggestion { get; set; }
}

/// <summary>The provider's own score of an indicator.</summary>
public sealed class SelfScore
{
    public int CycleId { get; set; }
    public int CycleIndicatorId { get; set; }
    public int Score { get; set; }
    public string? Reason { get; set; }
}
