using System.Text;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Providers;
using Masam.Web.Features.Reminders;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Sms;

/// <summary>A message as a gateway hands it over.</summary>
/// <param name="Gateway"><c>kannel</c> or <c>rapidpro</c>.</param>
/// <param name="MessageId">The gateway's id of the message: a message sent again with it is recognised.</param>
/// <param name="From">The sender's number as the gateway gives it; replies go back to it.</param>
public sealed record InboundSms(string Gateway, string MessageId, string From, string? Text);

public enum InboundOutcome
{
    /// <summary>Read, stored as needed, and a reply queued.</summary>
    Answered,

    /// <summary>The gateway sent this message before: nothing stored again, no second reply.</summary>
    Replayed,

    /// <summary>Over the phone's hourly limit: counted, neither stored nor answered.</summary>
    Limited,
}

/// <summary>
/// Something Masam asked a phone, whose answer comes back by SMS (the proactive survey). Asked
/// before the message is read as anything else.
/// </summary>
public interface ISmsQuestion
{
    /// <summary>The reply when the message answers an open question to this phone; null when it answers none.</summary>
    Task<string?> AnswerAsync(InboundSms sms, string phoneHash, SmsCommand command, CancellationToken ct);
}

/// <summary>
/// What Masam does with an SMS, whichever gateway brought it: reads it with <see cref="SmsGrammar"/>,
/// stores feedback through the same intake and writer as the web form (channel <c>sms</c>,
/// idempotent on the gateway's message id), and queues one reply in the sender's language and
/// script, carrying the tracking code. The sender's number is kept only as a keyed hash, and in the
/// outbox until the reply is delivered.
/// </summary>
public sealed class SmsInbox(
    MasamDbContext db, FeedbackIntake intake, FeedbackWriter writer, ProviderDirectory providers, PhoneHasher hasher,
    SmsPhoneLimit limit, SmsStore store, SmsSender sender, MasamMetrics metrics, TimeProvider clock, IEnumerable<ISmsQuestion> questions)
{
    public async Task<InboundOutcome> ReceiveAsync(InboundSms sms, CancellationToken ct)
    {
        if (await db.SmsInbound.AnyAsync(m => m.Gateway == sms.Gateway && m.GatewayMessageId == sms.MessageId, ct))
        {
            return InboundOutcome.Replayed;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var phoneHash = hasher.Hash(sms.From);
        var command = SmsGrammar.Read(sms.Text);
        if (!await limit.TakeAsync(phoneHash, now, ct))
        {
            metrics.SubmissionRefused(Channel, "rate-limit");
            // Over the limit nothing is stored or sent, but a STOP still stops: it is never refused.
            var stored = command is SmsStop
                ? await StoreAsync(sms, phoneHash, "stop", null, now, ct)
                : await StoreAsync(sms, phoneHash, "limited", null, now, ct);
            return stored ? InboundOutcome.Limited : InboundOutcome.Replayed;
        }

        // A stopped phone is sent nothing (STOP stops replies, notices and surveys) until it sends
        // START; what it says is still heard: its feedback is stored, only not acknowledged.
        var stopped = command is not (SmsStop or SmsStart) && await db.SmsOptOuts.AnyAsync(o => o.PhoneHash == phoneHash, ct);
        var answered = await AnswerAsync(sms, phoneHash, command, stopped, ct);
        if (answered is null && command is SmsHelp { Problem: not SmsProblem.Asked } refused)
        {
            metrics.SubmissionRefused(Channel, Kebab(refused.Problem.ToString()));
        }

        var (name, reply) = command switch
        {
            _ when answered is not null => ("answer", answered),
            SmsFeedback feedback => ("feedback", await SubmitAsync(sms, phoneHash, feedback, ct)),
            SmsStatusQuery query when !stopped => ("status", await StatusAsync(query, ct)),
            SmsFollow follow when !stopped => ("follow", await FollowAsync(sms, follow, ct)),
            SmsStop stop => ("stop", SmsReplies.Stopped(stop.Language)),
            SmsStart start => ("start", SmsReplies.Started(start.Language)),
            SmsHelp { Problem: SmsProblem.Asked } help when stopped => ("help", SmsReplies.HelpWhileStopped(help.Language)),
            SmsHelp help => ("help", SmsReplies.Help(help.Language, help.Problem)),
            SmsStatusQuery or SmsFollow => ("stopped", null),
            _ => throw new InvalidOperationException($"No reply for {command}."),
        };

        // Stopped: the one message sent is the answer to HELP, which says how to start again.
        var sent = stopped && command is not SmsHelp { Problem: SmsProblem.Asked } ? null : reply;
        if (!await StoreAsync(sms, phoneHash, name, sent, now, ct))
        {
            return InboundOutcome.Replayed;
        }

        sender.Wake();
        return InboundOutcome.Answered;
    }

    /// <summary>
    /// Stores the message's record and its reply (with a STOP or START, the opt-out's change too) in one
    /// transaction; false when another request with the same gateway id stored them first (nothing is
    /// then stored twice).
    /// </summary>
    private async Task<bool> StoreAsync(InboundSms sms, string phoneHash, string command, string? reply, DateTime now, CancellationToken ct)
    {
        var inbound = new SmsInbound { Gateway = sms.Gateway, GatewayMessageId = sms.MessageId, PhoneHash = phoneHash, ReceivedAt = now, Command = command };
        var message = reply is null ? null : new OutboxMessage
        {
            Kind = "sms-reply", Channel = OutboxChannel.Sms, To = sms.From, Subject = "", Body = reply, CreatedAt = now,
            SourceKey = $"{sms.Gateway}:{sms.MessageId}",
        };
        if (command is not ("stop" or "start" or "follow"))
        {
            return await store.WriteAsync(new SmsStore.Record(inbound, message), ct);
        }

        // Rare, and two in one batch could clash on the phone's opt-out or contact: written alone,
        // with the subscription FollowAsync prepared in this context.
        db.SmsInbound.Add(inbound);
        if (message is not null) db.Outbox.Add(message);
        var optedOut = await db.SmsOptOuts.FirstOrDefaultAsync(o => o.PhoneHash == phoneHash, ct);
        if (command == "stop" && optedOut is null)
        {
            db.SmsOptOuts.Add(new SmsOptOut { PhoneHash = phoneHash, StoppedAt = now });
        }
        else if (command == "start" && optedOut is not null)
        {
            db.SmsOptOuts.Remove(optedOut);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ConcurrentWriteHandler.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The reply of the first open question this message answers (a STOP or START answers none; a stopped phone is asked nothing).</summary>
    private async Task<string?> AnswerAsync(InboundSms sms, string phoneHash, SmsCommand command, bool stopped, CancellationToken ct)
    {
        if (stopped || command is SmsStop or SmsStart)
        {
            return null;
        }

        foreach (var question in questions)
        {
            if (await question.AnswerAsync(sms, phoneHash, command, ct) is { } reply)
            {
                return reply;
            }
        }

        return null;
    }

    private async Task<string> SubmitAsync(InboundSms sms, string phoneHash, SmsFeedback feedback, CancellationToken ct)
    {
        if (await providers.FindBySmsCodeAsync(feedback.ProviderCode, ct) is not { } providerId)
        {
            metrics.SubmissionRefused(Channel, "unknown-provider");
            return SmsReplies.UnknownProvider(feedback.Language, feedback.ProviderCode);
        }

        var request = new SubmitFeedbackRequest
        {
            ProviderId = providerId, Score = feedback.Score, Comment = feedback.Comment, Channel = WireEnum<FeedbackChannel>.Name(FeedbackChannel.Sms),
        };
        var (valid, errors) = await intake.ValidateAsync(request, ct);
        if (valid is null)
        {
            return errors.For("comment").Count > 0
                ? SmsReplies.Help(feedback.Language, SmsProblem.TooLong)
                : SmsReplies.UnknownProvider(feedback.Language, feedback.ProviderCode);
        }

        // The gateway's id makes the submission idempotent: a message the gateway retries after a
        // crash between storing the feedback and queueing the reply gets the first tracking code.
        var key = IdempotencyKey.Create($"sms:{sms.Gateway}:{sms.MessageId}", Encoding.UTF8.GetBytes($"{sms.From}\n{sms.Text}"));
        var receipt = await writer.SubmitAsync(valid with { Voice = Voices.Phone(phoneHash) }, key, ct);
        return SmsReplies.Received(feedback.Language, TrackingCodes.Normalize(receipt.TrackingCode)!);
    }

    /// <summary>
    /// The citizen asked to be told of an item: the phone is added to its contact (kept only because
    /// they asked), in the language they wrote in. An item tells one phone: a FOLLOW from another
    /// phone is refused, never replaces the one there, and changes nothing of the e-mail's choices.
    /// </summary>
    private async Task<string> FollowAsync(InboundSms sms, SmsFollow follow, CancellationToken ct)
    {
        var item = await db.Feedback.Include(f => f.Contact).FirstOrDefaultAsync(f => f.TrackingCode == follow.TrackingCode, ct);
        if (item is null)
        {
            return SmsReplies.UnknownTrackingCode(follow.Language, follow.TrackingCode);
        }

        var phone = PhoneHasher.Normalize(sms.From);
        var contact = item.Contact ??= new FeedbackContact { FeedbackId = item.Id };
        if (contact.Phone is { } attached && PhoneHasher.Normalize(attached) != phone)
        {
            return SmsReplies.FollowTaken(follow.Language, follow.TrackingCode);
        }

        if (!contact.Notify && contact.Email is not null)
        {
            // The e-mail left without asking for notices keeps getting none: only the phone asked.
            contact.StoppedAt ??= clock.GetUtcNow().UtcDateTime;
        }

        contact.Phone = phone;
        contact.Notify = true;
        contact.StopToken ??= CitizenNotices.NewStopToken();
        contact.Language = follow.Language switch
        {
            SmsLanguage.English => "en",
            SmsLanguage.MongolianLatin => "mn-Latn",
            _ => "mn",
        };
        return SmsReplies.Following(follow.Language, follow.TrackingCode);
    }

    private static readonly string Channel = WireEnum<FeedbackChannel>.Name(FeedbackChannel.Sms);

    /// <summary><c>ScoreOutOfRange</c> as <c>score-out-of-range</c>: a refusal's reason in the metrics.</summary>
    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private async Task<string> StatusAsync(SmsStatusQuery query, CancellationToken ct)
    {
        var status = await db.Feedback.Where(f => f.TrackingCode == query.TrackingCode).Select(f => (FeedbackStatus?)f.Status).FirstOrDefaultAsync(ct);
        return status is { } found
            ? SmsReplies.Status(query.Language, query.TrackingCode, found)
            : SmsReplies.UnknownTrackingCode(query.Language, query.TrackingCode);
    }
}
