using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Providers;

namespace Masam.Web.Features.Actions;

/// <summary>
/// Something a body commits to do in answer to feedback (and, later, a scorecard action plan),
/// followed in public to the end: who, by when, at what cost, from which budget, how far along.
/// </summary>
public sealed class ResponseAction : Infrastructure.IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }

    /// <summary>The provider that must act, or else the admin unit whose office must.</summary>
    public int? ResponsibleProviderId { get; set; }

    public Provider? ResponsibleProvider { get; set; }
    public int? ResponsibleAdminUnitId { get; set; }
    public AdminUnit? ResponsibleAdminUnit { get; set; }

    /// <summary>The admin unit the action belongs to (the provider's, or the responsible unit): its scope.</summary>
    public int AdminUnitId { get; set; }

    public AdminUnit? AdminUnit { get; set; }
    public DateOnly DueOn { get; set; }
    public decimal? CostMnt { get; set; }
    public string? FundingSource { get; set; }
    public ActionStatus Status { get; set; }
    public string? DropReason { get; set; }
    public int ProgressPercent { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int Version { get; set; }
    public bool IsDemo { get; set; }

    /// <summary>The Community Score Card cycle whose joint action plan this item belongs to, if any.</summary>
    public int? ScorecardCycleId { get; set; }

    public List<ActionUpdate> Updates { get; set; } = [];
    public List<FeedbackItem> Feedback { get; set; } = [];
}

/// <summary>A dated note of progress, with evidence as text and links.</summary>
public sealed class ActionUpdate
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    public DateTime At { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }

    /// <summary>Evidence links, one per line (http or https only).</summary>
    public string? Links { get; set; }

    public int? ProgressPercent { get; set; }
    public ActionStatus? Status { get; set; }
}

public enum ActionStatus
{
    Planned,
    InProgress,
    Done,
    Dropped,
}
