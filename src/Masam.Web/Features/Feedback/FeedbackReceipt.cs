namespace Masam.Web.Features.Feedback;

/// <summary>What the submitter gets back: the code to follow the feedback with.</summary>
/// <param name="TrackingCode">Formatted for reading aloud: <c>K7QM-4XZP-R2TA</c>.</param>
/// <param name="Replayed">True when an <c>Idempotency-Key</c> retry returned the first result.</param>
public sealed record FeedbackReceipt(string TrackingCode, FeedbackStatus Status, DateTime ReceivedAt, string TrackingUrl)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Replayed { get; init; }

    public static FeedbackReceipt For(string storedCode, DateTime receivedAt, bool replayed = false) =>
        new(Feedback.TrackingCode.Format(storedCode), FeedbackStatus.Received, receivedAt,
            $"/track/{Feedback.TrackingCode.Format(storedCode)}") { Replayed = replayed };
}
