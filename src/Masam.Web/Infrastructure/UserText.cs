using System.Text;

namespace Masam.Web.Infrastructure;

/// <summary>Free text as people type it (comments, names, notes, reasons): the one way it is cleaned before it is checked and stored.</summary>
public static class UserText
{
    /// <summary>Trims, unifies line ends, and drops control characters other than line feed and tab.</summary>
    public static string? Clean(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var normalized = input.Replace("\r\n", "\n").Replace('\r', '\n').Normalize(NormalizationForm.FormC);
        var cleaned = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!char.IsControl(c) || c is '\n' or '\t')
            {
                cleaned.Append(c);
            }
        }

        var result = cleaned.ToString().Trim();
        return result.Length == 0 ? null : result;
    }
}
