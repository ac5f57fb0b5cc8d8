using System.Globalization;
using System.Text;

namespace Masam.Web.Infrastructure;

/// <summary>
/// An amount of tögrög as people type it on a form: "1 500 000" (a space, or a non-breaking one,
/// between thousands, as Mongolian writes it), "1,500,000" (as English does), "1500000 ₮",
/// "2 500,50" (a decimal comma) or "2500.50". Anything else is refused, never taken as no amount.
/// </summary>
public static class Amounts
{
    private static readonly string[] Currency = ["₮", "төгрөг", "төг", "mnt", "tugrik", "tögrög"];

    /// <summary>True with the amount, or with null when nothing was typed; false when the text is not an amount.</summary>
    public static bool TryParse(string? typed, out decimal? amount)
    {
        amount = null;
        if (string.IsNullOrWhiteSpace(typed))
        {
            return true;
        }

        var text = typed.Trim().ToLowerInvariant();
        foreach (var unit in Currency)
        {
            text = text.Replace(unit, "", StringComparison.Ordinal);
        }

        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsDigit(c) || c is ',' or '.') digits.Append(c);
            else if (!char.IsWhiteSpace(c) && c is not '\u202F' and not '\'') return false;
        }

        var number = Normalise(digits.ToString());
        if (number is null || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        amount = value;
        return true;
    }

    /// <summary>The digits with one '.' for the decimal point, or null when the separators make no sense.</summary>
    private static string? Normalise(string number)
    {
        if (number.Length == 0 || !char.IsDigit(number[0]) || !char.IsDigit(number[^1]))
        {
            return null;
        }

        var lastComma = number.LastIndexOf(',');
        var lastDot = number.LastIndexOf('.');
        var decimalAt = -1;
        if (lastComma >= 0 && lastDot >= 0)
        {
            decimalAt = Math.Max(lastComma, lastDot); // "1,500,000.50" or "1.500.000,50"
        }
        else if (lastDot >= 0 && number.Count(c => c == '.') == 1)
        {
            decimalAt = lastDot; // "2500.50"
        }
        else if (lastComma >= 0 && number.Count(c => c == ',') == 1 && number.Length - lastComma - 1 is 1 or 2)
        {
            decimalAt = lastComma; // "2500,50"
        }

        var whole = decimalAt < 0 ? number : number[..decimalAt];
        var fraction = decimalAt < 0 ? "" : number[(decimalAt + 1)..];
        if (fraction.Any(c => !char.IsDigit(c)))
        {
            return null;
        }

        // Separators left in the whole part group thousands: each group after the first has three digits.
        var groups = whole.Split(',', '.');
        if (groups.Length > 1 && (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)))
        {
            return null;
        }

        return fraction.Length == 0 ? string.Concat(groups) : $"{string.Concat(groups)}.{fraction}";
    }
}
