using System.Security.Cryptography;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// Tracking codes such as <c>K7QM-4XZP-R2TA</c>: eleven random characters and a check character.
/// </summary>
/// <remarks>
/// The alphabet leaves out 0, 1, I, L and O, which are misread on paper and misheard on the phone.
/// 31 characters give 54 random bits (unguessable, with intake rate limited), and because 31 is
/// prime, a weighted check character catches any one wrong character and any two swapped
/// neighbours before a lookup is even made.
/// </remarks>
public static class TrackingCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int RandomLength = 11;
    public const int Length = RandomLength + 1;

    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < RandomLength; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        code[RandomLength] = CheckCharacter(code[..RandomLength]);
        return new string(code);
    }

    /// <summary>
    /// A code with a chosen body and its check character: only for the demo's documented items,
    /// which the README names so that anyone can try the tracking page.
    /// </summary>
    public static string Fixed(string body)
    {
        if (body.Length != RandomLength || body.Any(c => Alphabet.IndexOf(c) < 0))
        {
            throw new ArgumentException($"A code's body is {RandomLength} characters of {Alphabet}.", nameof(body));
        }

        return body + CheckCharacter(body);
    }

    /// <summary>Groups of four for reading aloud and printing: <c>K7QM-4XZP-R2TA</c>.</summary>
    public static string Format(string code) =>
        code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;

    /// <summary>
    /// What staff see of a code: its first group, <c>K7QM-…</c> — enough to find a caller's item
    /// as they read their code out, never enough to act in the citizen's place (to rate the answer).
    /// </summary>
    public static string Short(string code) => code.Length == Length ? $"{code[..4]}-…" : "…";

    /// <summary>
    /// Accepts what a person types (lower case, spaces, dashes) and returns the stored form,
    /// or null when it cannot be a tracking code.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        Span<char> code = stackalloc char[Length];
        var n = 0;
        foreach (var raw in input)
        {
            if (raw is ' ' or '-' or '_')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            if (n == Length || Alphabet.IndexOf(c) < 0)
            {
                return null;
            }

            code[n++] = c;
        }

        return n == Length && CheckCharacter(code[..RandomLength]) == code[RandomLength]
            ? new string(code)
            : null;
    }

    private static char CheckCharacter(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += (i + 1) * Alphabet.IndexOf(body[i]);
        }

        return Alphabet[sum % Alphabet.Length];
    }
}
