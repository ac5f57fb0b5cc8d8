using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Masam.Web.Features.Feedback;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Sms;

/// <summary>
/// A phone number as Masam keeps it with SMS records: an HMAC-SHA256 under a key from
/// configuration, 128 bits in base64url. The same number always gives the same hash, so that a
/// phone's messages can be counted and its STOP honoured; without the key no one can tell from the
/// hash which number it was, even by trying every Mongolian number.
/// </summary>
public sealed class PhoneHasher(IOptions<SmsOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.PhoneHashKey ?? "");

    public string Hash(string phone) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Normalize(phone))).AsSpan(0, 16));

    /// <summary>A Mongolian number as its eight digits (+976 or not); any other as its digits.</summary>
    public static string Normalize(string phone) =>
        FeedbackIntake.NormalizePhone(phone) ?? new string([.. phone.Where(char.IsAsciiDigit)]);
}
