using System.Globalization;
using System.Text;
using Masam.Web.Data;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// Checks a submission against the rules and normalizes it. The API and the form both use it, so
/// a citizen meets the same rules, in their language, whichever way they come.
/// </summary>
public sealed class FeedbackIntake(MasamDbContext db, ProviderDirectory providers, IStringLocalizer text, MasamMetrics metrics)
{
    /// <param name="countRefusal">Count a refusal in the metrics here; false for a channel that counts its own (Open311, whose refusals come from more than these rules).</param>
    public async Task<(NewFeedback? Feedback, FieldErrors Errors)> ValidateAsync(SubmitFeedbackRequest request, CancellationToken ct, bool countRefusal = true)
    {
        var errors = new FieldErrors();

        if (request.Score is null)
        {
            errors.Add("score", text["error.score.required"]);
        }
        else if (request.Score is < FeedbackRules.MinScore or > FeedbackRules.MaxScore)
        {
            errors.Add("score", text["error.score.range", request.Score]);
        }

        var channel = FeedbackChannel.Web;
        if (request.Channel is not null && !WireEnum<FeedbackChannel>.TryParse(request.Channel, out channel))
        {
            errors.Add("channel", UnknownValue<FeedbackChannel>(request.Channel));
        }
        else if (channel == FeedbackChannel.Survey)
        {
            // Only the survey's own answers are verified: no one may say so of their own submission.
            errors.Add("channel", text["error.channel.survey"]);
        }

        var comment = UserText.Clean(request.Comment);
        var commentLength = comment is null ? 0 : new StringInfo(comment).LengthInTextElements;
        if (commentLength > FeedbackRules.CommentMaxLength)
        {
            errors.Add("comment", text["error.comment.tooLong", FeedbackRules.CommentMaxLength, commentLength]);
        }

        var demographics = request.Demographics ?? new FeedbackDemographics();
        Gender? gender = null;
        if (!string.IsNullOrWhiteSpace(demographics.Gender))
        {
            if (WireEnum<Gender>.TryParse(demographics.Gender, out var g)) gender = g;
            else errors.Add("demographics.gender", UnknownValue<Gender>(demographics.Gender));
        }

        AgeBand? ageBand = null;
        if (!string.IsNullOrWhiteSpace(demographics.AgeBand))
        {
            if (WireEnum<AgeBand>.TryParse(demographics.AgeBand, out var a)) ageBand = a;
            else errors.Add("demographics.ageBand", UnknownValue<AgeBand>(demographics.AgeBand));
        }

        var contact = ValidateContact(request.Contact, errors);
        var serviceLine = string.IsNullOrWhiteSpace(request.ServiceLine) ? null : request.ServiceLine.Trim();
        await ValidateProviderAsync(request.ProviderId, serviceLine, errors, ct);

        if (errors.Any)
        {
            // Counted by the first field refused: a small fixed set (score, providerId, contact.phone, ...).
            if (countRefusal) metrics.SubmissionRefused(WireEnum<FeedbackChannel>.Name(channel), errors.All.First().Field);
            return (null, errors);
        }

        return (new NewFeedback(
            request.ProviderId!.Value, serviceLine, request.Score!.Value, comment, channel, gender, ageBand,
            demographics.Disability, demographics.HerderHousehold, contact), errors);
    }

    private async Task ValidateProviderAsync(int? providerId, string? serviceLine, FieldErrors errors, CancellationToken ct)
    {
        if (providerId is null)
        {
            errors.Add("providerId", text["error.providerId.required"]);
            return;
        }

        var lines = await providers.FindAsync(providerId.Value, ct);
        if (lines is null)
        {
            errors.Add("providerId", text["error.providerId.unknown", providerId]);
        }
        else if (serviceLine is not null && !lines.Contains(serviceLine))
        {
            var known = await db.ServiceLines.AnyAsync(l => l.Code == serviceLine, ct);
            errors.Add("serviceLine", known
                ? text["error.serviceLine.notOffered", serviceLine, string.Join(", ", lines.Order())]
                : text["error.serviceLine.unknown", serviceLine]);
        }
    }

    private FeedbackContact? ValidateContact(FeedbackContactDetails? details, FieldErrors errors)
    {
        if (details is null)
        {
            return null;
        }

        var name = UserText.Clean(details.Name);
        if (name is not null && name.Length > FeedbackRules.ContactNameMaxLength)
        {
            errors.Add("contact.name", text["error.contact.nameTooLong", FeedbackRules.ContactNameMaxLength]);
        }

        var phone = string.IsNullOrWhiteSpace(details.Phone) ? null : NormalizePhone(details.Phone);
        if (!string.IsNullOrWhiteSpace(details.Phone) && phone is null)
        {
            errors.Add("contact.phone", text["error.contact.phone"]);
        }

        var email = string.IsNullOrWhiteSpace(details.Email) ? null : EmailAddress.Valid(details.Email);
        if (!string.IsNullOrWhiteSpace(details.Email) && email is null)
        {
            errors.Add("contact.email", text["error.contact.email"]);
        }

        var notify = details.Notify == true;
        if (notify && phone is null && email is null && !errors.For("contact.phone").Any() && !errors.For("contact.email").Any())
        {
            errors.Add("contact.notify", text["error.contact.notify"]);
        }

        return name is null && phone is null && email is null
            ? null
            : new FeedbackContact
            {
                Name = name, Phone = phone, Email = email, Notify = notify,
                Language = notify ? (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "mn") : null,
                StopToken = notify ? CitizenNotices.NewStopToken() : null,
            };
    }

    /// <summary>Eight digits, with or without +976 and separators; stored as the eight digits.</summary>
    internal static string? NormalizePhone(string input)
    {
        var digits = new string([.. input.Where(char.IsAsciiDigit)]);
        var rest = input.Where(c => !char.IsAsciiDigit(c)).All(c => c is ' ' or '-' or '(' or ')' or '+');
        if (!rest)
        {
            return null;
        }

        if (digits.Length == 11 && digits.StartsWith("976", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }

        return digits.Length == 8 ? digits : null;
    }

    private string UnknownValue<T>(string value) where T : struct, Enum =>
        text["error.enum.unknown", value, string.Join(", ", WireEnum<T>.All)];
}
