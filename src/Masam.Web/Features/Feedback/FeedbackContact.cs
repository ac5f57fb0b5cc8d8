namespace Masam.Web.Features.Feedback;

/// <summary>
/// Optional contact details a citizen chose to leave. Kept in a table of their own so that no
/// public view, export or publication that reads feedback can pick them up by accident.
/// </summary>
public sealed class FeedbackContact
{
    public long FeedbackId { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    /// <summary>The citizen asked to be told when the feedback is answered, its actions move, and it is closed.</summary>
    public bool Notify { get; set; }

    /// <summary>The language and script to write to them in: <c>mn</c>, <c>mn-Latn</c> (an SMS in Latin letters) or <c>en</c>.</summary>
    public string? Language { get; set; }

    /// <summary>The secret in the e-mails' "stop" link.</summary>
    public string? StopToken { get; set; }

    /// <summary>
    /// When the e-mail's stop link was used: no more e-mails about this item. Each channel stops
    /// itself: a phone stops by answering STOP (<see cref="Sms.SmsOptOut"/>, for every item).
    /// </summary>
    public DateTime? StoppedAt { get; set; }

    public bool WantsEmails => Notify && StoppedAt is null;
}
