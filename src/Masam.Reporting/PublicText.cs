using System.Text.RegularExpressions;

namespace Masam.Reporting;

/// <summary>
/// Free text on its way to the public — a published file, a public page, the feed: phone numbers
/// (8 digits, with or without +976) and civil register numbers (two Cyrillic letters and 8 digits,
/// УБ99112233) are masked and control characters go (<see cref="Mask"/>); in a published file,
/// very long text is also cut (<see cref="Screen"/>). The one rule for every text staff write that
/// the public reads.
/// </summary>
public static partial class PublicText
{
    public const string Mask = "[***]";
    public const int MaxLength = 2000;

    /// <summary>Masked, and cut to <see cref="MaxLength"/> characters: for published files.</summary>
    public static string? Screen(string? text) =>
        Hide(text) is { Length: > MaxLength } screened ? screened[..(MaxLength - 1)] + "…" : Hide(text);

    /// <summary>Phone and civil register numbers masked, control characters (but line breaks) gone.</summary>
    public static string? Hide(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        var screened = RegisterNumber().Replace(text, Mask);
        screened = PhoneNumber().Replace(screened, Mask);
        return ControlCharacters().Replace(screened, " ");
    }

    [GeneratedRegex(@"(?<![\p{L}\d])[А-ЯЁӨҮа-яёөү]{2}\s?\d{8}(?!\d)")]
    private static partial Regex RegisterNumber();

    [GeneratedRegex(@"(?<!\d)(\+?976[\s-]?)?\d{4}[\s-]?\d{4}(?!\d)")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"[\p{Cc}-[\n]]")]
    private static partial Regex ControlCharacters();
}
