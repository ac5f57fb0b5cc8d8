using System.Text.Json.Serialization;

namespace Masam.Web.Features.Feedback;

/// <summary>What the submitter gets back: the code to follow the feedback with.</summary>
/// <param name="TrackingCode">Formatted for reading aloud: <c>K7QM-4XZP-R2TA</c>.</param>
public sealed record FeedbackReceipt(string TrackingCode, FeedbackStatus Status, DateTime ReceivedAt, string TrackingUrl)
{
    /// <summary>True when an <c>Idempotency-Key</c> retry returned the first result.</summary>
    [JsonIgnore]
    public bool Replayed { get; init; }

    public static FeedbackReceipt For(string storedCode, DateTime receivedAt)
    {
        var code = TrackingCodes.Format(storedCode);
        return new(code, FeedbackStatus.Received, receivedAt, $"/track/{code}");
    }
}
