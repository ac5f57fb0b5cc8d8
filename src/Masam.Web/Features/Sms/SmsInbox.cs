using System.Text;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Providers;
using Masam.Web.Features.Reminders;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
/// What Masam does with an SMS, whichever gateway brought it: reads it with <see cref="SmsGrammar"/>,
/// stores feedback through the same intake and writer as the web form (channel <c>sms</c>,
/// idempotent on the gateway's message id), and queues one reply in the sender's language and
/// script, carrying the tracking code. The sender's number is kept only as a keyed hash, and in the
/// outbox until the reply is delivered.
/// </summary>
public sealed class SmsInbox(
    MasamDbContext db, FeedbackIntake intake, FeedbackWriter writer, ProviderDirectory providers, PhoneHasher hasher,
    SmsStore store, SmsSender sender, IOptions<SmsOptions> options, TimeProvider clock)
{
    public async Task<InboundOutcome> ReceiveAsync(InboundSms sms, CancellationToken ct)
    {
        if (await db.SmsInbound.AnyAsync(m => m.Gateway == sms.Gateway && m.GatewayMessageId == sms.MessageId, ct))
        {
            return InboundOutcome.Replayed;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var phoneHash = hasher.Hash(sms.From);
        var limit = options.Value.MaxPerPhonePerHour;
        if (limit > 0 && await db.SmsInbound.CountAsync(m => m.PhoneHash == phoneHash && m.ReceivedAt > now.AddHours(-1), ct) >= limit)
        {
            return await StoreAsync(sms, phoneHash, "limited", null, now, ct) ? InboundOutcome.Limited : InboundOutcome.Replayed;
        }

        var command = SmsGrammar.Read(sms.Text);
        var (name, reply) = command switch
        {
            SmsFeedback feedback => ("feedback", await SubmitAsync(sms, feedback, ct)),
            SmsStatusQuery query => ("status", await StatusAsync(query, ct)),
            SmsFollow follow => ("follow", await FollowAsync(sms, phoneHash, follow, now, ct)),
            SmsStop stop => ("stop", SmsReplies.Stopped(stop.Language)),
            SmsHelp help => ("help", SmsReplies.Help(help.Language, help.Problem)),
            _ => throw new InvalidOperationException($"No reply for {command}."),
        };

        if (!await StoreAsync(sms, phoneHash, name, reply, now, ct))
        {
            return InboundOutcome.Replayed;
        }

        sender.Wake();
        return InboundOutcome.Answered;
    }

    /// <summary>
    /// Stores the message's record and its reply (with a STOP, the opt-out too) in one transaction;
    /// false when another request with the same gateway id stored them first (nothing is then stored twice).
    /// </summary>
    private async Task<bool> StoreAsync(InboundSms sms, string phoneHash, string command, string? reply, DateTime now, CancellationToken ct)
    {
        var inbound = new SmsInbound { Gateway = sms.Gateway, GatewayMessageId = sms.MessageId, PhoneHash = phoneHash, ReceivedAt = now, Command = command };
        var message = reply is null ? null : new OutboxMessage
        {
            Kind = "sms-reply", Channel = OutboxChannel.Sms, To = sms.From, Subject = "", Body = reply, CreatedAt = now,
            SourceKey = $"{sms.Gateway}:{sms.MessageId}",
        };
        if (command is not ("stop" or "follow"))
        {
            return await store.WriteAsync(new SmsStore.Record(inbound, message), ct);
        }

        // Rare, and two in one batch could clash on the phone's opt-out or contact: written alone,
        // with the opt-out or the subscription FollowAsync prepared in this context.
        db.SmsInbound.Add(inbound);
        db.Outbox.Add(message!);
        if (command == "stop" && !await db.SmsOptOuts.AnyAsync(o => o.PhoneHash == phoneHash, ct))
        {
            db.SmsOptOuts.Add(new SmsOptOut { PhoneHash = phoneHash, StoppedAt = now });
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

    private async Task<string> SubmitAsync(InboundSms sms, SmsFeedback feedback, CancellationToken ct)
    {
        if (await providers.FindBySmsCodeAsync(feedback.ProviderCode, ct) is not { } providerId)
        {
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
        var receipt = await writer.SubmitAsync(valid, key, ct);
        return SmsReplies.Received(feedback.Language, TrackingCodes.Normalize(receipt.TrackingCode)!);
    }

    /// <summary>
    /// The citizen asked to be told of an item: the phone goes into its contact (kept only because
    /// they asked), in the language they wrote in; an earlier STOP from this phone is lifted.
    /// </summary>
    private async Task<string> FollowAsync(InboundSms sms, string phoneHash, SmsFollow follow, DateTime now, CancellationToken ct)
    {
        var item = await db.Feedback.Include(f => f.Contact).FirstOrDefaultAsync(f => f.TrackingCode == follow.TrackingCode, ct);
        if (item is null)
        {
            return SmsReplies.UnknownTrackingCode(follow.Language, follow.TrackingCode);
        }

        var contact = item.Contact ??= new FeedbackContact { FeedbackId = item.Id };
        contact.Phone = PhoneHasher.Normalize(sms.From);
        contact.Notify = true;
        contact.StoppedAt = null;
        contact.StopToken ??= CitizenNotices.NewStopToken();
        contact.Language = follow.Language switch
        {
            SmsLanguage.English => "en",
            SmsLanguage.MongolianLatin => "mn-Latn",
            _ => "mn",
        };
        await db.SmsOptOuts.Where(o => o.PhoneHash == phoneHash).ExecuteDeleteAsync(ct);
        return SmsReplies.Following(follow.Language, follow.TrackingCode);
    }

    private async Task<string> StatusAsync(SmsStatusQuery query, CancellationToken ct)
    {
        var status = await db.Feedback.Where(f => f.TrackingCode == query.TrackingCode).Select(f => (FeedbackStatus?)f.Status).FirstOrDefaultAsync(ct);
        return status is { } found
            ? SmsReplies.Status(query.Language, query.TrackingCode, found)
            : SmsReplies.UnknownTrackingCode(query.Language, query.TrackingCode);
    }
}
