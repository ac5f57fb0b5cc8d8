namespace Masam.Web.Features.Reminders;

/// <summary>
/// A message waiting to be sent. Written in the same transaction as whatever caused it, so that no
/// reminder is lost or sent for a change that did not happen; drained by <see cref="OutboxSender"/>
/// when SMTP is configured, and listed for Admin either way.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public long? FeedbackId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
