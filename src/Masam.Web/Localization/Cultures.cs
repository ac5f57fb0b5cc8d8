using System.Globalization;

namespace Masam.Web.Localization;

/// <summary>The two languages of the platform: Mongolian first, English on request.</summary>
public static class Cultures
{
    public const string Mongolian = "mn";
    public const string English = "en";
    public static readonly string[] Supported = [Mongolian, English];

    public static bool IsEnglish(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == English;

    public static bool IsEnglish() => IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary>The name in the reader's language.</summary>
    public static string Pick(string mn, string en) => IsEnglish() ? en : mn;
}
