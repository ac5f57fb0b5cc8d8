using System.Text;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Sms;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Visits;

/// <summary>
/// An SMS from a phone with an open survey, within its window, is read as the answer: a bare score
/// and any words (<c>4 oochlaarai dugaar urt</c>), or the usual grammar naming that provider. It
/// becomes feedback of channel <c>survey</c> (verified: the person was served) for the visit's
/// provider and service line, through the same intake and writer as all feedback, answered as any
/// feedback is; the visit is answered once, and its number goes.
/// </summary>
public sealed class SurveyAnswers(
    MasamDbContext db, FeedbackIntake intake, FeedbackWriter writer, IOptions<VisitOptions> options, TimeProvider clock) : ISmsQuestion
{
    public async Task<string?> AnswerAsync(InboundSms sms, string phoneHash, SmsCommand command, CancellationToken ct)
    {
        if (command is SmsStatusQuery or SmsFollow or SmsHelp { Problem: SmsProblem.Asked })
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - options.Value.Survey.ReplyWindow;
        var visit = await db.Set<ServiceVisit>().AsNoTracking()
            .Where(v => v.PhoneHash == phoneHash && v.Survey == SurveyState.Asked && v.AskedAt >= since)
            .OrderByDescending(v => v.AskedAt).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            return null;
        }

        var rating = command as SmsFeedback ?? SmsGrammar.ReadRating(sms.Text);
        if (command is SmsFeedback named
            && !await db.Providers.AnyAsync(p => p.Id == visit.ProviderId && p.SmsCode == named.ProviderCode, ct))
        {
            return null; // feedback on another provider: taken as such, the survey stays open
        }

        if (rating is null)
        {
            return SmsReplies.SurveyHelp(command.Language);
        }

        var request = new SubmitFeedbackRequest
        {
            ProviderId = visit.ProviderId, ServiceLine = visit.ServiceLineCode, Score = rating.Score, Comment = rating.Comment,
        };
        var (valid, errors) = await intake.ValidateAsync(request, ct);
        if (valid is null)
        {
            return errors.For("comment").Count > 0 ? SmsReplies.Help(rating.Language, SmsProblem.TooLong) : SmsReplies.SurveyHelp(rating.Language);
        }

        // Answered once: of two answers at once, one takes the visit; the other is read as any SMS.
        var claimed = await db.Set<ServiceVisit>().Where(v => v.Id == visit.Id && v.Survey == SurveyState.Asked)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Survey, SurveyState.Answered).SetProperty(v => v.AnsweredAt, now)
                .SetProperty(v => v.Phone, (string?)null).SetProperty(v => v.PhoneKeptUntil, (DateTime?)null), ct);
        if (claimed == 0)
        {
            return null;
        }

        var key = IdempotencyKey.Create($"sms:{sms.Gateway}:{sms.MessageId}", Encoding.UTF8.GetBytes($"{sms.From}\n{sms.Text}"));
        var receipt = await writer.SubmitAsync(valid with { Channel = FeedbackChannel.Survey, Voice = Voices.Phone(phoneHash) }, key, ct);
        var code = TrackingCodes.Normalize(receipt.TrackingCode)!;
        var feedbackId = await db.Feedback.Where(f => f.TrackingCode == code).Select(f => f.Id).FirstAsync(ct);
        await db.Set<ServiceVisit>().Where(v => v.Id == visit.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.FeedbackId, feedbackId), ct);
        return SmsReplies.Received(rating.Language, code);
    }
}
