using System.Text;

namespace Masam.Web.Features.Geography;

/// <summary>
/// Folds Mongolian names written in Cyrillic or in any of the usual Latin spellings to one
/// search key, so that Хөвсгөл, Khövsgöl, Khuvsgul and Hovsgol all become <c>huvsgul</c>.
/// </summary>
/// <remarks>
/// Latin spellings of Mongolian disagree mostly on the rounded vowels (ө ү written o, u, ö, ü),
/// on х (kh, h, x), on doubled vowels and on й/ы/ь (i, y). The key keeps what they agree on:
/// Cyrillic is transliterated, diacritics dropped, then o/u merge, kh/x become h, y becomes i,
/// and letters that repeat are written once. Anything that is not a letter or digit is dropped.
/// </remarks>
public static class NameFolding
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "ye", ['ё'] = "yo",
        ['ж'] = "j", ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m",
        ['н'] = "n", ['о'] = "o", ['ө'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t",
        ['у'] = "u", ['ү'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh",
        ['щ'] = "sh", ['ъ'] = "", ['ы'] = "i", ['ь'] = "i", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var latin = new StringBuilder(text.Length * 2);
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (Cyrillic.TryGetValue(c, out var mapped))
            {
                latin.Append(mapped);
            }
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                latin.Append(c);
            }
            // Combining marks (the dots of ö ü after FormD), punctuation and spaces are dropped.
        }

        // Under FormD й arrives as и plus a combining breve and ends up "i"; Ө and Ү do not decompose.
        var s = latin.ToString()
            .Replace("kh", "h")
            .Replace("zh", "j")
            .Replace("dz", "z")
            .Replace('x', 'h')
            .Replace('w', 'v')
            .Replace('o', 'u')
            .Replace('y', 'i');

        var key = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (key.Length == 0 || key[^1] != c)
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>The folded words of a query, each to be found in a key; empty when nothing is left to search.</summary>
    public static IReadOnlyList<string> FoldWords(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? []
            : [.. query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Fold).Where(w => w.Length > 0).Distinct().Take(8)];

    /// <summary>One stored key for several names: each folded, joined by a separator that no fold contains.</summary>
    public static string KeyFor(IEnumerable<string?> names) =>
        "|" + string.Join("|", names.Select(Fold).Where(n => n.Length > 0).Distinct()) + "|";
}
