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
