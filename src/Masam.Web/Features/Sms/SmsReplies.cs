using System.Globalization;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;

namespace Masam.Web.Features.Sms;

/// <summary>
/// The replies an SMS gets, in the language and script it was written in, each within one segment:
/// 70 characters in Cyrillic (UCS-2), 160 in Latin (GSM-7, whose alphabet has ö and ü). Mongolian
/// typed in Latin is answered with the Mongolian text spelt in Latin (<see cref="LatinNames"/>), so
/// that a phone without Cyrillic reads it and the reply costs one GSM-7 segment.
/// </summary>
public static class SmsReplies
{
    public const int UnicodeSegment = 70;
    public const int GsmSegment = 160;

    public static string Help(SmsLanguage language, SmsProblem problem) => Text(language, problem switch
    {
        SmsProblem.ScoreOutOfRange => "sms.help.scoreOutOfRange",
        SmsProblem.NoProvider => "sms.help.noProvider",
        SmsProblem.NoScore => "sms.help.noScore",
        SmsProblem.BadTrackingCode => "sms.help.trackingCode",
        SmsProblem.TooLong => "sms.help.tooLong",
        _ => "sms.help",
    });

    public static string Received(SmsLanguage language, string trackingCode) => Text(language, "sms.received", TrackingCodes.Format(trackingCode));

    public static string UnknownProvider(SmsLanguage language, string providerCode) => Text(language, "sms.unknownProvider", providerCode);

    public static string Status(SmsLanguage language, string trackingCode, FeedbackStatus status) =>
        Text(language, "sms.status", TrackingCodes.Format(trackingCode), Written(language, $"status.{WireEnum<FeedbackStatus>.Name(status)}"));

    public static string UnknownTrackingCode(SmsLanguage language, string trackingCode) => Text(language, "sms.unknownTrackingCode", TrackingCodes.Format(trackingCode));

    public static string Stopped(SmsLanguage language) => Text(language, "sms.stopped");

    public static string Started(SmsLanguage language) => Text(language, "sms.started");

    /// <summary>The one thing a stopped phone is sent when it asks for help: that it is stopped, and how to start again.</summary>
    public static string HelpWhileStopped(SmsLanguage language) => Text(language, "sms.help.stopped");

    public static string FollowTaken(SmsLanguage language, string trackingCode) => Text(language, "sms.followTaken", TrackingCodes.Format(trackingCode));

    public static string Following(SmsLanguage language, string trackingCode) => Text(language, "sms.following", TrackingCodes.Format(trackingCode));

    /// <summary>A notice to a citizen who asked to be told: answered, an action moved (<paramref name="actionStatus"/>), or closed.</summary>
    public static string Notice(SmsLanguage language, CitizenNotice kind, string trackingCode, string? actionStatus = null) => kind switch
    {
        CitizenNotice.Answered => Text(language, "sms.notice.answered", TrackingCodes.Format(trackingCode)),
        CitizenNotice.ActionMoved => Text(language, "sms.notice.action", TrackingCodes.Format(trackingCode),
            Written(language, $"actionStatus.{actionStatus}").ToLowerInvariant()),
        _ => Text(language, "sms.notice.closed", TrackingCodes.Format(trackingCode)),
    };

    /// <summary>
    /// The proactive survey's question (or its one reminder) about a visit to <paramref name="provider"/> on
    /// <paramref name="day"/>: in Cyrillic when it fits one segment, else spelt in Latin (160 characters),
    /// the provider's name shortened until it fits.
    /// </summary>
    public static string SurveyQuestion(bool english, bool reminder, string provider, DateOnly day)
    {
        var key = reminder ? "sms.survey.reminder" : "sms.survey.ask";
        var date = day.ToString("MM/dd", CultureInfo.InvariantCulture);
        for (var name = provider; ; name = name[..(name.Length * 3 / 4)].TrimEnd() + "…")
        {
            var text = string.Format(CultureInfo.InvariantCulture, TextCatalogue.Default.Format(key, english), name, date);
            if (FitsOneSegment(text)) return text;
            var latin = LatinNames.FromCyrillic(text).Replace("…", "...", StringComparison.Ordinal);
            if (FitsOneSegment(latin) || name.Length < 8) return latin;
        }
    }

    /// <summary>To an answer that has no score: how to answer the survey.</summary>
    public static string SurveyHelp(SmsLanguage language) => Text(language, "sms.survey.help");

    /// <summary>Whether a message goes as one segment: GSM-7 (escaped characters count twice) up to 160, else UCS-2 up to 70.</summary>
    public static bool FitsOneSegment(string text) => GsmLength(text) is { } gsm ? gsm <= GsmSegment : text.Length <= UnicodeSegment;

    /// <summary>The message's length in GSM-7 septets, or null when it needs UCS-2.</summary>
    public static int? GsmLength(string text)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (GsmBasic.Contains(c)) length++;
            else if (GsmExtension.Contains(c)) length += 2;
            else return null;
        }

        return length;
    }

    // GSM 03.38: the default alphabet, and the characters its extension table adds behind an escape.
    private const string GsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string GsmExtension = "^{}\\[~]|€\f";

    /// <summary>The text in the reply's language and script, with its arguments (spelt in Latin with it when the reply is).</summary>
    private static string Text(SmsLanguage language, string key, params object[] arguments)
    {
        var text = string.Format(CultureInfo.InvariantCulture, Written(language, key), arguments);
        return language == SmsLanguage.MongolianLatin ? LatinNames.FromCyrillic(text) : text;
    }

    /// <summary>The catalogue's text for the reply's language, as written there.</summary>
    private static string Written(SmsLanguage language, string key) => TextCatalogue.Default.Format(key, language == SmsLanguage.English);
}
