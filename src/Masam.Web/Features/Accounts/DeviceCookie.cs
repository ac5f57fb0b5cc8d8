using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// A device cookie (OWASP's answer to lockout attacks): a browser or API client that has signed in
/// to an account before carries a cookie, protected with the data-protection keys, naming that
/// account. While someone guesses an official's password from elsewhere and the account's sign-ins
/// are throttled for everyone, the official's own device is not: it is counted on its own
/// (<see cref="SignInThrottle.FailuresPerDevice"/> failures, then it is treated as any other client).
/// </summary>
public sealed class DeviceCookie(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Name = "masam.device";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly IDataProtector _protector = protection.CreateProtector("Masam.Accounts.DeviceCookie.v1");

    /// <summary>The device's id when the request carries a valid device cookie for this account (the normalized e-mail); else null.</summary>
    public string? DeviceFor(HttpRequest request, string account)
    {
        if (account.Length == 0 || request.Cookies[Name] is not { Length: > 0 } value) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 3 && parts[0] == account
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
                && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) < Lifetime
                ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null; // forged, or made with keys that are gone
        }
    }

    /// <summary>Gives the client a device cookie for this account (a new device id, or the one it had).</summary>
    public void Issue(HttpResponse response, string account, string? device)
    {
        var id = device ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var value = _protector.Protect($"{account}\n{id}\n{clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        response.Cookies.Append(Name, value, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = response.HttpContext.Request.IsHttps, Path = "/", MaxAge = Lifetime, IsEssential = true,
        });
    }
}
