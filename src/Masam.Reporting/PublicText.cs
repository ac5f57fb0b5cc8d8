using System.Text.RegularExpressions;

namespace Masam.Reporting;

/// <summary>
/// Free text on its way into a published file: phone numbers (8 digits, with or without +976) and
/// civil register numbers (two Cyrillic letters and 8 digits, УБ99112233) are masked, control
/// characters go, and very long text is cut.
/// </summary>
public static partial class PublicText
{
    public const string Mask = "[***]";
    public const int MaxLength = 2000;

    public static string? Screen(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        var screened = RegisterNumber().Replace(text, Mask);
        screened = PhoneNumber().Replace(screened, Mask);
        screened = ControlCharacters().Replace(screened, " ");
        return screened.Length > MaxLength ? screened[..(MaxLength - 1)] + "…" : screened;
    }

    [GeneratedRegex(@"(?<![\p{L}\d])[А-ЯЁӨҮа-яёөү]{2}\s?\d{8}(?!\d)")]
    private static partial Regex RegisterNumber();

    [GeneratedRegex(@"(?<!\d)(\+?976[\s-]?)?\d{4}[\s-]?\d{4}(?!\d)")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"[\p{Cc}-[\n]]")]
    private static partial Regex ControlCharacters();
}
