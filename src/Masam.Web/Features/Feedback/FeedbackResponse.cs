namespace Masam.Web.Features.Feedback;

/// <summary>An answer to feedback: public (shown to the citizen, later published) or an internal note.</summary>
public sealed class FeedbackResponse
{
    public long Id { get; set; }
    public long FeedbackId { get; set; }
    public required string Body { get; set; }
    public bool IsPublic { get; set; }
    public DateTime CreatedAt { get; set; }
}
