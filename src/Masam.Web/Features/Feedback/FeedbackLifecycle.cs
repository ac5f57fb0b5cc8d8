namespace Masam.Web.Features.Feedback;

/// <summary>
/// Which status may follow which. "Answered" is reached only by giving a public answer, never set
/// by hand, so that no item shows as answered without an answer the citizen can read.
/// </summary>
public static class FeedbackLifecycle
{
    private static readonly Dictionary<FeedbackStatus, FeedbackStatus[]> Next = new()
    {
        [FeedbackStatus.Received] = [FeedbackStatus.Acknowledged, FeedbackStatus.InProgress, FeedbackStatus.Rejected],
        [FeedbackStatus.Acknowledged] = [FeedbackStatus.InProgress, FeedbackStatus.Rejected],
        [FeedbackStatus.InProgress] = [FeedbackStatus.Rejected],
        [FeedbackStatus.Answered] = [FeedbackStatus.Closed, FeedbackStatus.InProgress],
        [FeedbackStatus.Closed] = [],
        [FeedbackStatus.Rejected] = [],
    };

    public static IReadOnlyList<FeedbackStatus> AllowedAfter(FeedbackStatus status) => Next[status];

    public static bool CanMove(FeedbackStatus from, FeedbackStatus to) => Next[from].Contains(to);

    /// <summary>A public answer may be given while the item is open, and added to once answered.</summary>
    public static bool CanAnswer(FeedbackStatus status) => status is not (FeedbackStatus.Closed or FeedbackStatus.Rejected);
}
