using System.Text;
using System.Text.RegularExpressions;
using Masam.Web.Features.Feedback;

namespace Masam.Web.Features.Sms;

/// <summary>The script and language an SMS was written in, which its reply follows (Cyrillic costs a UCS-2 segment of 70).</summary>
public enum SmsLanguage
{
    /// <summary>Mongolian in Cyrillic: the reply in Cyrillic, within 70 characters.</summary>
    MongolianCyrillic,

    /// <summary>Mongolian typed in Latin letters (<c>unelgee</c>, <c>hyanah</c>): the reply in Latin, within 160.</summary>
    MongolianLatin,

    /// <summary>English keywords (<c>rate</c>, <c>status</c>, <c>help</c>): the reply in English.</summary>
    English,
}

/// <summary>What an SMS asks for, as <see cref="SmsGrammar.Read"/> understands it.</summary>
public abstract record SmsCommand(SmsLanguage Language);

/// <summary>Feedback: a provider's SMS code, a score, and whatever else was written as the comment.</summary>
public sealed record SmsFeedback(SmsLanguage Language, string ProviderCode, int Score, string? Comment) : SmsCommand(Language);

/// <summary>The status of the item with this tracking code (stored form, no dashes).</summary>
public sealed record SmsStatusQuery(SmsLanguage Language, string TrackingCode) : SmsCommand(Language);

/// <summary>Tell this phone when the item with this tracking code is answered, its actions move, and it is closed.</summary>
public sealed record SmsFollow(SmsLanguage Language, string TrackingCode) : SmsCommand(Language);

/// <summary>No more messages to this number.</summary>
public sealed record SmsStop(SmsLanguage Language) : SmsCommand(Language);

/// <summary>Messages to this number again, after a STOP.</summary>
public sealed record SmsStart(SmsLanguage Language) : SmsCommand(Language);

/// <summary>The sender asked for help, or wrote something that is not a command: the reply says how to write one, and why.</summary>
public sealed record SmsHelp(SmsLanguage Language, SmsProblem Problem) : SmsCommand(Language);

public enum SmsProblem
{
    /// <summary>The sender asked for help.</summary>
    Asked,

    /// <summary>Nothing to read: an empty message, or only spaces and symbols.</summary>
    Empty,

    /// <summary>A score was given but no provider code.</summary>
    NoProvider,

    /// <summary>A provider code was given but no score.</summary>
    NoScore,

    /// <summary>A number that is not 1 to 5 where the score goes.</summary>
    ScoreOutOfRange,

    /// <summary>A status query without a valid tracking code.</summary>
    BadTrackingCode,

    /// <summary>Neither a command nor a score with a provider code.</summary>
    NotUnderstood,

    /// <summary>A comment longer than feedback may be (found by the intake, not the grammar).</summary>
    TooLong,
}

/// <summary>
/// The SMS keyword grammar, in Mongolian Cyrillic, Mongolian typed in Latin letters, and English.
/// Keywords are compared after folding the usual Latin spellings of Mongolian letters together
/// (Ө ö o u, Ү ü u v, Х kh h x, Э e, Й i), in any case; a provider code typed in Cyrillic is spelt
/// in Latin (УЛС01 is ULS01); the comment is kept as it was written.
/// <list type="bullet">
/// <item><c>ҮНЭЛГЭЭ 4 ULS01 дараалал урт</c>, <c>unelgee 4 uls01 daraalal urt</c>, <c>rate 4 ULS01 long queue</c>:
/// feedback on provider ULS01 with score 4. The keyword may be left out, and the score and code may come in either order.</item>
/// <item><c>ХЯНАХ K7QM-4XZP-R2TA</c>, <c>hyanah k7qm4xzpr2ta</c>, <c>status …</c>: the status of that item.</item>
/// <item><c>МЭДЭЭ K7QM-4XZP-R2TA</c>, <c>medee …</c>, <c>follow …</c>: tell this phone when that item is answered, its actions move, and it is closed.</item>
/// <item><c>ЗОГС</c>, <c>zogs</c>, <c>STOP</c>: no more messages; <c>ЭХЛЭХ</c>, <c>ehleh</c>, <c>START</c>: messages again. <c>ТУСЛАМЖ</c>, <c>tuslamj</c>, <c>help</c>: how to write.</item>
/// </list>
/// </summary>
public static partial class SmsGrammar
{
    /// <summary>A provider's SMS code: two to five letters, then one to four digits (<c>ULS01</c>), printed on its poster.</summary>
    [GeneratedRegex("^[A-Z]{2,5}[0-9]{1,4}$")]
    public static partial Regex ProviderCode();

    private static readonly Dictionary<string, (Keyword Keyword, SmsLanguage Language)> Keywords = new(StringComparer.Ordinal)
    {
        [Fold("үнэлгээ")] = (Keyword.Rate, SmsLanguage.MongolianCyrillic),
        [Fold("санал")] = (Keyword.Rate, SmsLanguage.MongolianCyrillic),
        [Fold("хянах")] = (Keyword.Status, SmsLanguage.MongolianCyrillic),
        [Fold("төлөв")] = (Keyword.Status, SmsLanguage.MongolianCyrillic),
        [Fold("мэдээ")] = (Keyword.Follow, SmsLanguage.MongolianCyrillic),
        [Fold("мэдэгдэл")] = (Keyword.Follow, SmsLanguage.MongolianCyrillic),
        [Fold("зогс")] = (Keyword.Stop, SmsLanguage.MongolianCyrillic),
        [Fold("зогсоо")] = (Keyword.Stop, SmsLanguage.MongolianCyrillic),
        [Fold("эхлэх")] = (Keyword.Start, SmsLanguage.MongolianCyrillic),
        [Fold("тусламж")] = (Keyword.Help, SmsLanguage.MongolianCyrillic),
        [Fold("rate")] = (Keyword.Rate, SmsLanguage.English),
        [Fold("score")] = (Keyword.Rate, SmsLanguage.English),
        [Fold("feedback")] = (Keyword.Rate, SmsLanguage.English),
        [Fold("status")] = (Keyword.Status, SmsLanguage.English),
        [Fold("track")] = (Keyword.Status, SmsLanguage.English),
        [Fold("follow")] = (Keyword.Follow, SmsLanguage.English),
        [Fold("notify")] = (Keyword.Follow, SmsLanguage.English),
        [Fold("stop")] = (Keyword.Stop, SmsLanguage.English),
        [Fold("unsubscribe")] = (Keyword.Stop, SmsLanguage.English),
        [Fold("start")] = (Keyword.Start, SmsLanguage.English),
        [Fold("unstop")] = (Keyword.Start, SmsLanguage.English),
        [Fold("help")] = (Keyword.Help, SmsLanguage.English),
    };

    private enum Keyword
    {
        Rate,
        Status,
        Follow,
        Stop,
        Start,
        Help,
    }

    /// <summary>An answer to a survey: a bare score 1-5, then any words as the comment (<c>4 oochlaarai dugaar urt</c>); else null.</summary>
    public static SmsFeedback? ReadRating(string? text) => Words(text) is [var first, .. var rest]
        && int.TryParse(first.Original, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var score)
        && score is >= FeedbackRules.MinScore and <= FeedbackRules.MaxScore
            ? new SmsFeedback(LanguageOf(text!, rest.FirstOrDefault().Folded), "", score, rest.Count == 0 ? null : text![rest[0].Start..].Trim())
            : null;

    public static SmsCommand Read(string? text)
    {
        var words = Words(text);
        var language = LanguageOf(text ?? "", words.Count > 0 ? words[0].Folded : null);
        if (words.Count == 0)
        {
            return new SmsHelp(language, SmsProblem.Empty);
        }

        var keyword = Keywords.TryGetValue(words[0].Folded, out var found) ? found.Keyword : (Keyword?)null;
        var rest = keyword is null ? words : words.Skip(1).ToList();
        return keyword switch
        {
            Keyword.Help => new SmsHelp(language, SmsProblem.Asked),
            Keyword.Stop => new SmsStop(language),
            Keyword.Start => new SmsStart(language),
            Keyword.Status => TrackingCodes.Normalize(string.Concat(rest.Select(w => w.Original))) is { } code
                ? new SmsStatusQuery(language, code)
                : new SmsHelp(language, SmsProblem.BadTrackingCode),
            Keyword.Follow => TrackingCodes.Normalize(string.Concat(rest.Select(w => w.Original))) is { } followed
                ? new SmsFollow(language, followed)
                : new SmsHelp(language, SmsProblem.BadTrackingCode),
            _ => ReadFeedback(language, rest, keyword is not null, text!),
        };
    }

    /// <summary>Score and provider code in the first two words, in either order; the rest, as written, is the comment.</summary>
    private static SmsCommand ReadFeedback(SmsLanguage language, List<Word> words, bool askedToRate, string text)
    {
        if (words.Count == 0)
        {
            return new SmsHelp(language, askedToRate ? SmsProblem.NoScore : SmsProblem.Empty);
        }

        int? score = null;
        string? provider = null;
        var used = 0;
        foreach (var word in words.Take(2))
        {
            if (score is null && SignedOrDecimal().IsMatch(word.Original))
            {
                return new SmsHelp(language, SmsProblem.ScoreOutOfRange);
            }

            if (score is null && int.TryParse(word.Original, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                if (number is < FeedbackRules.MinScore or > FeedbackRules.MaxScore)
                {
                    return new SmsHelp(language, SmsProblem.ScoreOutOfRange);
                }

                score = number;
            }
            else if (provider is null && AsProviderCode(word) is { } code)
            {
                provider = code;
            }
            else
            {
                break;
            }

            used++;
        }

        if (score is null && provider is null)
        {
            return new SmsHelp(language, askedToRate ? SmsProblem.NoScore : SmsProblem.NotUnderstood);
        }

        if (provider is null) return new SmsHelp(language, SmsProblem.NoProvider);
        if (score is null) return new SmsHelp(language, SmsProblem.NoScore);

        var comment = used < words.Count ? text[words[used].Start..].Trim() : null;
        return new SmsFeedback(language, provider, score.Value, string.IsNullOrWhiteSpace(comment) ? null : comment);
    }

    /// <summary>A number with a sign or a fraction (<c>-1</c>, <c>+5</c>, <c>4.5</c>): never a score, and not to be read as one without its sign.</summary>
    [GeneratedRegex(@"^([+-][0-9]+([.,][0-9]+)?|[0-9]+[.,][0-9]+)$")]
    private static partial Regex SignedOrDecimal();

    /// <summary>A word read as a provider code: Latin as it is, Cyrillic look-alikes (УЛС01) spelt in Latin.</summary>
    private static string? AsProviderCode(Word word)
    {
        var latin = new StringBuilder(word.Original.Length);
        foreach (var c in word.Original.ToUpperInvariant())
        {
            latin.Append(CodeLetters.TryGetValue(c, out var letter) ? letter : c);
        }

        var code = latin.ToString();
        return ProviderCode().IsMatch(code) ? code : null;
    }

    /// <summary>Cyrillic capitals and the Latin letter a phone user means by them in a code.</summary>
    private static readonly Dictionary<char, char> CodeLetters = new()
    {
        ['А'] = 'A', ['Б'] = 'B', ['В'] = 'V', ['Г'] = 'G', ['Д'] = 'D', ['Е'] = 'E', ['З'] = 'Z', ['И'] = 'I', ['К'] = 'K', ['Л'] = 'L',
        ['М'] = 'M', ['Н'] = 'N', ['О'] = 'O', ['Ө'] = 'O', ['П'] = 'P', ['Р'] = 'R', ['С'] = 'S', ['Т'] = 'T', ['У'] = 'U', ['Ү'] = 'U',
        ['Ф'] = 'F', ['Х'] = 'H', ['Ц'] = 'C', ['Ш'] = 'S', ['Э'] = 'E', ['Ы'] = 'Y', ['Й'] = 'I',
    };

    private static SmsLanguage LanguageOf(string text, string? firstWord)
    {
        // Cyrillic, or no word at all but characters only Unicode has (emoji): the phone shows Cyrillic.
        if (text.Any(c => c is >= '\u0400' and <= '\u04FF') || (firstWord is null && SmsReplies.GsmLength(text) is null))
        {
            return SmsLanguage.MongolianCyrillic;
        }

        return firstWord is not null && Keywords.TryGetValue(firstWord, out var keyword) && keyword.Language == SmsLanguage.English
            ? SmsLanguage.English
            : SmsLanguage.MongolianLatin;
    }

    private readonly record struct Word(string Original, string Folded, int Start);

    /// <summary>The words of a message (letters and digits; punctuation and emoji separate them), each with where it starts.</summary>
    private static List<Word> Words(string? text)
    {
        var words = new List<Word>();
        if (string.IsNullOrWhiteSpace(text)) return words;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i])
                || (start >= 0 && text[i] == '-' && char.IsLetterOrDigit(next))
                || (start < 0 && text[i] is '-' or '+' && char.IsAsciiDigit(next))
                || (start >= 0 && text[i] is '.' or ',' && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(next)));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var original = text[start..i];
                words.Add(new Word(original, Fold(original), start));
                start = -1;
            }
        }

        return words;
    }

    /// <summary>
    /// One spelling for the ways a Mongolian word is typed: Cyrillic spelt in Latin, and in either
    /// script о/ө/ö/o, у/ү/ü/u and v (в too) to u, х/kh/x to h, э to e, й to i; lower case.
    /// </summary>
    internal static string Fold(string word)
    {
        var latin = new StringBuilder(word.Length + 2);
        foreach (var c in word.ToLowerInvariant())
        {
            latin.Append(c switch
            {
                'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' => "e", 'ё' => "yo", 'ж' => "j", 'з' => "z", 'и' => "i",
                'й' => "i", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o", 'ө' => "o", 'п' => "p", 'р' => "r", 'с' => "s",
                'т' => "t", 'у' => "u", 'ү' => "u", 'ф' => "f", 'х' => "h", 'ц' => "ts", 'ч' => "ch", 'ш' => "sh", 'щ' => "sh", 'ъ' => "",
                'ы' => "y", 'ь' => "i", 'э' => "e", 'ю' => "yu", 'я' => "ya", 'ö' => "o", 'ü' => "u", 'x' => "h",
                _ => c.ToString(),
            });
        }

        // Typed Latin: kh for х; v for ү (vnelgee); o or u for ө (tolov, tuluv). Both sides of a comparison are folded
        // alike, so o, u and v all fold to u: the keywords stay apart all the same.
        return latin.ToString().Replace("kh", "h", StringComparison.Ordinal).Replace('v', 'u').Replace('o', 'u');
    }
}
