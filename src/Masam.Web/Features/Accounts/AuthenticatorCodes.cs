using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Checks the six-digit codes of an authenticator app (TOTP, RFC 6238: HMAC-SHA1 over 30-second
/// steps, the key Identity keeps for the account in Base32), in place of Identity's own provider
/// for one reason: a code is accepted once. Identity's provider accepts the same code again for
/// as long as it is valid (about 90 seconds with the allowed drift), so a code read over a
/// shoulder or from a phishing page could be used a second time; here each accepted step is
/// taken in <see cref="RateWindows"/> (one atomic upsert), and a second request with the same code,
/// even at the same moment on another node, is refused (NIST SP 800-63B 5.1.4.2).
/// </summary>
public sealed class AuthenticatorCodes(RateWindows windows, TimeProvider clock) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string ProviderName = "MasamAuthenticator";

    /// <summary>Steps either side of now that are accepted: a phone's clock a little off still works.</summary>
    private const int Drift = 1;

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Codes come from the official's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user) =>
        await manager.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key && await CheckAsync(user, key, token);

    /// <summary>Whether <paramref name="token"/> is a code of this key, now, not used before (and then it is used).</summary>
    public async Task<bool> CheckAsync(StaffUser user, string encodedKey, string? token)
    {
        if (Normalize(token) is not { } code || Base32Decode(encodedKey) is not { Length: > 0 } key) return false;

        var now = clock.GetUtcNow();
        var current = now.ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        for (var step = current - Drift; step <= current + Drift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(key, step)), Encoding.ASCII.GetBytes(code)))
            {
                // The first to take this step of this key wins; the window outlives the step's validity.
                var keyId = Convert.ToHexStringLower(SHA256.HashData(key))[..8];
                return await windows.TakeAsync($"totp:{user.Id}:{keyId}:{step}", 1, Step * (2 * Drift + 2), now.UtcDateTime, CancellationToken.None);
            }
        }

        return false;
    }

    /// <summary>Six digits, with the spaces or dash an app may show between its halves removed; null when it cannot be a code.</summary>
    public static string? Normalize(string? token)
    {
        var code = string.Concat((token ?? "").Where(c => c is not (' ' or '-')));
        return code.Length == 6 && code.All(char.IsAsciiDigit) ? code : null;
    }

    /// <summary>The code for one time step (RFC 4226's dynamic truncation to six digits).</summary>
    private static string Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[]? Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
