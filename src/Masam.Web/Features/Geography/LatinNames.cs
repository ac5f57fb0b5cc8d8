using System.Text;

namespace Masam.Web.Features.Geography;

/// <summary>
/// The one Latin spelling of Mongolian place names on English pages, reports and the feed: the
/// Cyrillic written letter by letter as the aimags' usual English names are (Khövsgöl, Övörkhangai,
/// Govi-Altai, Bayan-Ölgii), keeping Ө and Ү as ö and ü, Х as kh, Ц as ts, Ь as i. The NSO's
/// own English soum names (Durvuljin, Murun) use another scheme; they are kept as spellings people
/// may type (search), not shown.
/// </summary>
public static class LatinNames
{
    private static readonly Dictionary<char, string> Letters = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "ye", ['ё'] = "yo", ['ж'] = "j", ['з'] = "z",
        ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['ө'] = "ö", ['п'] = "p",
        ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ү'] = "ü", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch",
        ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "i", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    /// <summary>The name (or any text) in Latin letters; a capital starts a word (Khövsgöl), a word in capitals stays so (KHYANAKH).</summary>
    public static string FromCyrillic(string name)
    {
        var latin = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var lower = char.ToLowerInvariant(c);
            if (!Letters.TryGetValue(lower, out var letters))
            {
                latin.Append(c);
            }
            else if (c == lower || letters.Length == 0)
            {
                latin.Append(letters);
            }
            else if (IsCapital(name, i - 1) || IsCapital(name, i + 1))
            {
                latin.Append(letters.ToUpperInvariant());
            }
            else
            {
                latin.Append(char.ToUpperInvariant(letters[0])).Append(letters, 1, letters.Length - 1);
            }
        }

        return latin.ToString();
    }

    private static bool IsCapital(string text, int at) => at >= 0 && at < text.Length && char.IsUpper(text[at]);
}
