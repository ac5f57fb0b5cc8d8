using System.Buffers.Text;
using System.Security.Cryptography;
using Masam.Web.Data;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Sms;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Feedback;

/// <summary>What a citizen who asked to be told is told of.</summary>
public enum CitizenNotice
{
    Answered,
    ActionMoved,
    Closed,
}

/// <summary>
/// Closing the loop: a citizen who left a phone number or an e-mail and asked to be told gets a
/// message when their feedback is answered, when an action linked to it changes status, and when
/// it is closed: an SMS (one segment, with how to STOP) unless the phone sent STOP, and an e-mail
/// (with the answer, the tracking link and a link to stop) unless that link was used: each channel
/// stops itself and no other. Queued in the outbox in the same
/// transaction as the change, in the language they wrote in.
/// </summary>
public sealed class CitizenNotices(MasamDbContext db, PhoneHasher phones, IOptions<SmsOptions> sms, IOptions<MasamOptions> masam, TimeProvider clock)
{
    public static string NewStopToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));

    /// <param name="detail">The public answer (answered), or the action's title (an action moved).</param>
    /// <param name="actionStatus">The action's new status, by its wire name.</param>
    public async Task QueueAsync(FeedbackItem item, CitizenNotice kind, string? detail, string? actionStatus, CancellationToken ct)
    {
        var contact = item.Contact ?? await db.FeedbackContacts.FirstOrDefaultAsync(c => c.FeedbackId == item.Id, ct);
        if (contact is not { Notify: true })
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var language = contact.Language switch
        {
            "en" => SmsLanguage.English,
            "mn-Latn" => SmsLanguage.MongolianLatin,
            _ => SmsLanguage.MongolianCyrillic,
        };
        var kindName = kind switch { CitizenNotice.Answered => "answered", CitizenNotice.ActionMoved => "action", _ => "closed" };

        if (contact.Phone is { } phone && sms.Value.Enabled)
        {
            var hash = phones.Hash(phone);
            if (!await db.SmsOptOuts.AnyAsync(o => o.PhoneHash == hash, ct))
            {
                db.Outbox.Add(new OutboxMessage
                {
                    Kind = $"notice-{kindName}", Channel = OutboxChannel.Sms, To = phone, Subject = "", FeedbackId = item.Id, CreatedAt = now,
                    Body = SmsReplies.Notice(language, kind, item.TrackingCode, actionStatus),
                });
            }
        }

        if (contact is { Email: { } email, WantsEmails: true })
        {
            var english = language == SmsLanguage.English;
            string T(string key, params object[] args) => TextCatalogue.Default.Format(key, english, args);
            var code = TrackingCodes.Format(item.TrackingCode);
            var site = masam.Value.PublicUrl.TrimEnd('/');
            var status = actionStatus is null ? "" : T($"actionStatus.{actionStatus}");
            db.Outbox.Add(new OutboxMessage
            {
                Kind = $"notice-{kindName}", Channel = OutboxChannel.Email, To = email, FeedbackId = item.Id, CreatedAt = now,
                Subject = T($"notice.{kindName}.subject", code),
                Body = string.Join("\n\n", new[]
                {
                    T($"notice.{kindName}.body", code, detail ?? "", status),
                    T("notice.track", $"{site}/track/{code}"),
                    T("notice.stop", $"{site}/notices/stop/{contact.StopToken}"),
                }),
            });
        }
    }
}
