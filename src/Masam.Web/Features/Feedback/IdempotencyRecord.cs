namespace Masam.Web.Features.Feedback;

/// <summary>
/// Remembers which feedback an <c>Idempotency-Key</c> created, so that a retried submission
/// returns the first result. Only hashes are kept: of the key and of the request body.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string KeyHash { get; set; }
    public required string RequestHash { get; set; }
    public long FeedbackId { get; set; }
    public FeedbackItem? Feedback { get; set; }
    public DateTime CreatedAt { get; set; }
}
