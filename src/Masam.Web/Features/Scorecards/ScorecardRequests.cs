namespace Masam.Web.Features.Scorecards;

public sealed record CreateCycleRequest
{
    public int? ProviderId { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public string? FacilitatingGroup { get; init; }

    /// <summary>Codes of library indicators to start with (see <c>GET /api/v1/scorecard-indicators</c>).</summary>
    public IReadOnlyList<string>? Indicators { get; init; }
}

public sealed record AddIndicatorsRequest
{
    public IReadOnlyList<string>? LibraryCodes { get; init; }

    /// <summary>Indicators the community raised, in its own words.</summary>
    public IReadOnlyList<CustomIndicator>? Custom { get; init; }

    public int? Version { get; init; }
}

public sealed record CustomIndicator(string? NameMn, string? NameEn);

public sealed record AddFocusGroupRequest
{
    /// <summary>women, men, youth, elderly, people-with-disabilities, herders, poor-households or other (with otherName).</summary>
    public string? Type { get; init; }

    public string? OtherName { get; init; }
    public int? Participants { get; init; }
    public int? Female { get; init; }
    public int? WithDisability { get; init; }
    public int? Youth { get; init; }
    public int? Version { get; init; }
}

/// <summary>One row of a score sheet: an indicator, its score 1-5, and why.</summary>
public sealed record ScoreRow(int? IndicatorId, int? Score, string? Reason, string? Suggestion);

public sealed record EnterScoresRequest
{
    public IReadOnlyList<ScoreRow>? Rows { get; init; }
    public int? Version { get; init; }
}

public sealed record AdvanceStageRequest
{
    /// <summary>The next stage: input-tracking, community-scoring, provider-self-assessment, interface-meeting, action-plan-agreed, follow-up, completed.</summary>
    public string? Stage { get; init; }

    public int? Version { get; init; }
}

public sealed record InputTrackingRequest
{
    public IReadOnlyList<InputTrackingRow>? Lines { get; init; }
    public int? Version { get; init; }
}

/// <summary>One line: "entitled / actual / remark", as the method records it.</summary>
public sealed record InputTrackingRow(string? Item, string? Entitled, string? Actual, string? Remark);

public sealed record InterfaceMeetingRequest
{
    public DateOnly? HeldOn { get; init; }
    public int? Attendance { get; init; }
    public string? Notes { get; init; }
    public int? Version { get; init; }
}

public sealed record ActionPlanRequest
{
    /// <summary>The joint action plan; each item becomes a tracked response action.</summary>
    public IReadOnlyList<Actions.CreateActionRequest>? Items { get; init; }

    public int? Version { get; init; }
}

public sealed record CorrectionRequest
{
    /// <summary>The focus group whose score is corrected; omit to correct the provider's self-score.</summary>
    public int? GroupId { get; init; }

    public int? IndicatorId { get; init; }
    public int? Score { get; init; }

    /// <summary>Why the locked result changes; recorded in the audit log.</summary>
    public string? Reason { get; init; }

    public int? Version { get; init; }
}
