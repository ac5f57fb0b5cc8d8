namespace Masam.Web.Features.Feedback;

/// <summary>The limits of what a citizen may send, shared by the API and the form.</summary>
public static class FeedbackRules
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int CommentMaxLength = 4000;
    public const int ContactNameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int MaxBodyBytes = 64 * 1024;
    public const int RatingMaxBodyBytes = 1024;
    public const int ReopenMaxBodyBytes = 16 * 1024;
    public const int IdempotencyKeyMaxLength = 255;

    /// <summary>Staff texts on an item: an answer, and the reason a deadline is extended.</summary>
    public const int ResponseMaxLength = 4000;
    public const int ReasonMaxLength = 1000;
}
