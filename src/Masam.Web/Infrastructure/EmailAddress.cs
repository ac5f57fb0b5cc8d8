using System.Net.Mail;

namespace Masam.Web.Infrastructure;

/// <summary>The one rule for an e-mail address a citizen types: the contact form, the notices, following a provider.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>The address trimmed, when it is one address of at most 254 characters whose domain has a dot; else null.</summary>
    public static string? Valid(string? input)
    {
        var email = input?.Trim();
        return email is { Length: > 0 and <= MaxLength } && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.Host.Contains('.')
            ? email
            : null;
    }
}
