using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// Each voice counted once: in the figures a phone, a browser, an address or an operator counts once
/// per provider and month, with its latest rating (as U-Report counts one answer per contact and
/// poll); everything is still stored and answered. What is kept with an item is a keyed pseudonym
/// (HMAC-SHA256, 128 bits) of who spoke together with the provider and the month, so that it tells
/// two items of one voice apart within that cell only, and nothing across cells. The key is the
/// installation's own, made at first use and kept in the database (so every node and a restored
/// backup count alike).
/// </summary>
public sealed class Voices(IServiceScopeFactory scopes)
{
    /// <summary>Characters of a stored voice.</summary>
    public const int Length = 24;

    private const string KeyName = "voice-key";
    private byte[]? _key;
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>A phone, by the keyed hash SMS keeps (<see cref="Sms.PhoneHasher"/>): SMS and the survey's answers count as one voice.</summary>
    public static string Phone(string phoneHash) => "p:" + phoneHash;

    /// <summary>A browser, by the random id of the form's first-party cookie (never a fingerprint).</summary>
    public static string Browser(string cookieId) => "b:" + cookieId;

    /// <summary>A client address (an IPv6 address by its /64, what one household or phone holds): where no cookie came.</summary>
    public static string Address(IPAddress? address)
    {
        if (address is null) return "a:unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return "a:" + address;
    }

    /// <summary>The range an address lies in (an IPv4 /24, an IPv6 /48): many voices from one range is a signal, not a rule.</summary>
    public static string? Network(IPAddress? address)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, address.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 3, bytes.Length - (address.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 3));
        return "n:" + new IPAddress(bytes);
    }

    /// <summary>A staff member entering feedback for callers who gave no number.</summary>
    public static string Operator(string userId) => "o:" + userId;

    /// <summary>An Open311 client's device, when the client names one (<c>device_id</c>).</summary>
    public static string Device(int clientId, string deviceId) => $"d:{clientId}:{deviceId}";

    /// <summary>
    /// The items of <paramref name="all"/> up to id <paramref name="upTo"/> that count: each voice's
    /// latest in its provider and month (an item without a voice always counts). The rest are still
    /// stored, answered and listed; only the figures leave them out.
    /// </summary>
    public static IQueryable<FeedbackItem> Counted(IQueryable<FeedbackItem> all, long upTo) =>
        all.Where(f => f.Id <= upTo && (f.Voice == null || !all.Any(g =>
            g.ProviderId == f.ProviderId && g.ReceivedMonth == f.ReceivedMonth && g.Voice == f.Voice && g.Id > f.Id && g.Id <= upTo)));

    /// <summary>
    /// The items up to id <paramref name="after"/> that counted then and count no longer: their voice
    /// spoke again in their provider and month after it (up to <paramref name="upTo"/>), and its new
    /// rating replaces theirs.
    /// </summary>
    /// <remarks>
    /// Found from the new items (few, by id), each voice's latest item before by one seek down the
    /// (provider, month, voice) index; their ids are read first and then their rows by key, never
    /// by reading the items counted before (millions).
    /// </remarks>
    public static async Task<IQueryable<FeedbackItem>> ReplacedAsync(IQueryable<FeedbackItem> all, long after, long upTo, CancellationToken ct)
    {
        var ids = await all.Where(f => f.Id > after && f.Id <= upTo && f.Voice != null)
            .Select(f => all.Where(g => g.ProviderId == f.ProviderId && g.ReceivedMonth == f.ReceivedMonth && g.Voice == f.Voice && g.Id <= after).Max(g => (long?)g.Id))
            .Where(id => id != null).Distinct().ToListAsync(ct);
        var keys = ids.Select(id => id!.Value).ToList();
        return all.Where(g => keys.Contains(g.Id));
    }

    /// <summary>The pseudonym kept with an item of <paramref name="voice"/> for this provider and month.</summary>
    public async Task<string?> ForAsync(string? voice, int providerId, DateOnly month, CancellationToken ct)
    {
        if (voice is null) return null;
        var key = _key ?? await LoadKeyAsync(ct);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{voice}\n{providerId}\n{month:yyyy-MM}"));
        return Base64Url.EncodeToString(mac.AsSpan(0, 16));
    }

    private async Task<byte[]> LoadKeyAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            if (_key is not null) return _key;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
            if (await db.InstallationSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == KeyName, ct) is not { } stored)
            {
                try
                {
                    db.InstallationSecrets.Add(new InstallationSecret { Name = KeyName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException ex) when (Infrastructure.ConcurrentWriteHandler.IsUniqueViolation(ex))
                {
                    // Another node made it first: its key is the installation's.
                }

                stored = await db.InstallationSecrets.AsNoTracking().FirstAsync(s => s.Name == KeyName, ct);
            }

            return _key = Convert.FromBase64String(stored.Value);
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>
/// The form's first-party cookie: a random id a browser keeps for a year, set when the form is
/// shown, so that one browser counts as one voice (<see cref="Voices.Browser"/>). Without it (an API
/// client, cookies off) the client's address is the voice. Masam stores neither, only the keyed
/// pseudonym of either.
/// </summary>
public static class VoiceCookie
{
    public const string Name = "masam-voice";

    /// <summary>A web submission with who is speaking (<see cref="VoiceOf"/>) and the address range it came from.</summary>
    public static NewFeedback Speaking(this NewFeedback feedback, HttpContext context) =>
        feedback with { Voice = VoiceOf(context), Network = Voices.Network(context.Connection.RemoteIpAddress) };

    /// <summary>Gives the browser its id if it has none (on showing the form).</summary>
    public static void Ensure(HttpContext context)
    {
        if (Read(context) is not null) return;
        context.Response.Cookies.Append(Name, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), new CookieOptions
        {
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
    }

    /// <summary>Who is speaking from this request: the browser's id, or else its address.</summary>
    public static string VoiceOf(HttpContext context) =>
        Read(context) is { } id ? Voices.Browser(id) : Voices.Address(context.Connection.RemoteIpAddress);

    private static string? Read(HttpContext context) =>
        context.Request.Cookies[Name] is { Length: 22 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : null;
}
