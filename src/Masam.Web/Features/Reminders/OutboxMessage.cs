namespace Masam.Web.Features.Reminders;

/// <summary>
/// A message waiting to be sent: an e-mail (sent by <see cref="OutboxSender"/> when SMTP is
/// configured) or an SMS (sent through the configured gateway by <see cref="Sms.SmsSender"/>).
/// Written in the same transaction as whatever caused it, so that no message is lost or sent for a
/// change that did not happen; listed for Admin either way.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public OutboxChannel Channel { get; set; }

    /// <summary>
    /// The address or phone number. An SMS recipient's number is kept only until the message is
    /// delivered or has finally failed, then blanked: Masam keeps no list of who wrote to it.
    /// </summary>
    public required string To { get; set; }

    /// <summary>Empty for an SMS.</summary>
    public required string Subject { get; set; }

    public required string Body { get; set; }
    public long? FeedbackId { get; set; }
    public DateTime CreatedAt { get; set; }
    public OutboxState State { get; set; }

    /// <summary>When the server or gateway took the message.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>When the gateway reported it delivered to the phone (SMS only).</summary>
    public DateTime? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>After a failed attempt, not before this time (the back-off doubles from 30 seconds up to an hour).</summary>
    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>What caused the message, where it must cause only one (an inbound SMS's gateway id): unique.</summary>
    public string? SourceKey { get; set; }

    public const int MaxAttempts = 10;

    /// <summary>Records a failed attempt: retried after a doubling back-off, or given up after <see cref="MaxAttempts"/>.</summary>
    public void Failed(string error, DateTime nowUtc)
    {
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= MaxAttempts)
        {
            GiveUp(nowUtc);
            return;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, Attempts - 1))));
        NextAttemptAt = nowUtc + delay;
    }

    /// <summary>No more attempts; an SMS recipient's number is forgotten.</summary>
    public void GiveUp(DateTime nowUtc)
    {
        State = OutboxState.Failed;
        NextAttemptAt = null;
        Forget();
    }

    public void Delivered(DateTime nowUtc)
    {
        State = OutboxState.Delivered;
        DeliveredAt = nowUtc;
        Forget();
    }

    private void Forget()
    {
        if (Channel == OutboxChannel.Sms)
        {
            To = "";
        }
    }
}

public enum OutboxChannel
{
    Email,
    Sms,
}

public enum OutboxState
{
    /// <summary>Waiting to be sent, or to be tried again.</summary>
    Queued,

    /// <summary>Taken by the SMTP server or the SMS gateway.</summary>
    Sent,

    /// <summary>Reported delivered by the SMS gateway.</summary>
    Delivered,

    /// <summary>Given up: refused by the gateway's operator, or every attempt failed.</summary>
    Failed,
}
