namespace Masam.Web.Features.Actions;

public sealed record CreateActionRequest
{
    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>Either the provider that must act...</summary>
    public int? ResponsibleProviderId { get; init; }

    /// <summary>...or the NSO code of the admin unit whose office must.</summary>
    public string? ResponsibleAdminUnit { get; init; }

    /// <summary>yyyy-MM-dd.</summary>
    public DateOnly? DueOn { get; init; }

    /// <summary>In tögrög (₮); 0 or more.</summary>
    public decimal? CostMnt { get; init; }

    public string? FundingSource { get; init; }

    /// <summary>Feedback items the action answers; each must be within the account's scope.</summary>
    public IReadOnlyList<long>? FeedbackIds { get; init; }

    /// <summary>Set by the scorecard action plan, not by API clients.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? ScorecardCycleId { get; init; }
}

public sealed record EditActionRequest
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public DateOnly? DueOn { get; init; }
    public decimal? CostMnt { get; init; }
    public string? FundingSource { get; init; }
    public int? Version { get; init; }
}

public sealed record ActionProgressRequest
{
    /// <summary>What happened, shown in public.</summary>
    public string? Text { get; init; }

    /// <summary>Evidence: up to 10 http(s) links.</summary>
    public IReadOnlyList<string>? Links { get; init; }

    public int? ProgressPercent { get; init; }

    /// <summary>in-progress, done or dropped (with dropReason); omitted keeps the status.</summary>
    public string? Status { get; init; }

    public string? DropReason { get; init; }
    public int? Version { get; init; }
}

public sealed record LinkFeedbackRequest
{
    public IReadOnlyList<long>? FeedbackIds { get; init; }
    public int? Version { get; init; }
}
