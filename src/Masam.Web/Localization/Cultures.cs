using System.Globalization;

namespace Masam.Web.Localization;

/// <summary>The two languages of the platform: Mongolian first, English on request.</summary>
public static class Cultures
{
    public const string Mongolian = "mn";
    public const string English = "en";
    public static readonly string[] Supported = [Mongolian, English];

    /// <summary>
    /// The culture a page is written in. English writes a date as "2 Dec 2026": its default
    /// ("12/2/2026") is the United States' order, which a reader elsewhere takes for 12 February.
    /// </summary>
    public static CultureInfo Create(string name)
    {
        var culture = new CultureInfo(name);
        if (name == English)
        {
            culture.DateTimeFormat.ShortDatePattern = "d MMM yyyy";
        }

        return culture;
    }

    /// <summary>Names in the reader's alphabetical order: Mongolian's (ICU's mn-MN puts Ө after О and Ү after У), or English's.</summary>
    public static StringComparer Alphabetical => IsEnglish() ? EnglishOrder : MongolianOrder;

    private static readonly StringComparer MongolianOrder = StringComparer.Create(new CultureInfo("mn-MN"), CompareOptions.IgnoreCase);
    private static readonly StringComparer EnglishOrder = StringComparer.Create(new CultureInfo(English), CompareOptions.IgnoreCase);

    public static bool IsEnglish(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == English;

    public static bool IsEnglish() => IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary>The name in the reader's language.</summary>
    public static string Pick(string mn, string en) => IsEnglish() ? en : mn;

    /// <summary>
    /// A tögrög amount for a reader: <c>1,500,000 ₮</c> in Mongolian, <c>MNT 1,500,000</c> in
    /// English (the sign alone means little to a reader abroad); whole tögrög, grouped per culture.
    /// </summary>
    public static string Mnt(decimal amount)
    {
        var number = decimal.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.CurrentCulture);
        return IsEnglish() ? $"MNT {number}" : $"{number} ₮";
    }
}
