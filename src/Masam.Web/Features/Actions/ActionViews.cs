using System.Linq.Expressions;
using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Actions;

/// <summary>An action as staff see it.</summary>
public sealed record ActionView(
    int Id, string Title, string? Description, ResponsibleParty Responsible, string AdminUnitCode,
    DateOnly DueOn, decimal? CostMnt, string? FundingSource, ActionStatus Status, string? DropReason, int ProgressPercent,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt, int Version, bool IsDemo,
    IReadOnlyList<long> FeedbackIds, IReadOnlyList<ActionUpdateView> Updates)
{
    /// <summary>Open and past its due date, on Mongolia's calendar.</summary>
    public bool Overdue => ActionRules.IsOverdue(Status, DueOn, Today);

    [System.Text.Json.Serialization.JsonIgnore]
    public DateOnly Today { get; init; }

    public static Expression<Func<ResponseAction, ActionView>> Projection => a => new ActionView(
        a.Id, a.Title, a.Description,
        a.ResponsibleProvider != null
            ? new ResponsibleParty("provider", a.ResponsibleProviderId, a.ResponsibleProvider.AdminUnit!.Code, a.ResponsibleProvider.NameMn, a.ResponsibleProvider.NameEn)
            : new ResponsibleParty("office", null, a.ResponsibleAdminUnit!.Code, a.ResponsibleAdminUnit.NameMn, a.ResponsibleAdminUnit.NameEn),
        a.AdminUnit!.Code, a.DueOn, a.CostMnt, a.FundingSource, a.Status, a.DropReason, a.ProgressPercent,
        a.CreatedAt, a.UpdatedAt, a.CompletedAt, a.Version, a.IsDemo,
        a.Feedback.OrderBy(f => f.Id).Select(f => f.Id).ToList(),
        a.Updates.OrderBy(u => u.At).Select(u => new ActionUpdateView(u.At, u.AuthorName, u.Text, u.Links, u.ProgressPercent, u.Status)).ToList());
}

/// <summary>Who must act: a provider, or the office of an admin unit (its governor's office).</summary>
public sealed record ResponsibleParty(string Kind, int? ProviderId, string AdminUnitCode, string NameMn, string NameEn);

public sealed record ActionUpdateView(DateTime At, string AuthorName, string Text, string? LinkText, int? ProgressPercent, ActionStatus? Status)
{
    public IReadOnlyList<string> Links => LinkText?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
}

/// <summary>
/// What anyone following a feedback item sees of an action that answers it: no staff names; its
/// cost and the budget it comes from, as the open data feed publishes them.
/// </summary>
public sealed record PublicActionView(
    string Title, string? Description, string ResponsibleMn, string ResponsibleEn, DateOnly DueOn, bool Overdue,
    ActionStatus Status, int ProgressPercent, IReadOnlyList<PublicActionUpdate> Updates, decimal? CostMnt = null, string? FundingSource = null);

public sealed record PublicActionUpdate(DateOnly On, string Text, IReadOnlyList<string> Links, int? ProgressPercent);

public static class ActionRules
{
    /// <summary>How long an action's texts may be, as checked and as stored.</summary>
    public const int TitleLength = 300;
    public const int TextLength = 4000;
    public const int FundingSourceLength = 200;
    public const int ReasonLength = 1000;
    public const int AuthorNameLength = 200;

    public static bool IsOpen(ActionStatus status) => status is ActionStatus.Planned or ActionStatus.InProgress;

    public static bool IsOverdue(ActionStatus status, DateOnly dueOn, DateOnly today) => IsOpen(status) && today > dueOn;

    public static bool CanMove(ActionStatus from, ActionStatus to) => (from, to) switch
    {
        (ActionStatus.Planned, ActionStatus.InProgress or ActionStatus.Done or ActionStatus.Dropped) => true,
        (ActionStatus.InProgress, ActionStatus.Done or ActionStatus.Dropped) => true,
        _ => false,
    };

    public static DateOnly Today(TimeProvider clock) => MongolianTime.DateOf(clock.GetUtcNow().UtcDateTime);
}
