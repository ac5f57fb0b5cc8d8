using System.Globalization;
using Masam.Web.Features.Feedback;

namespace Masam.Web.Features.Open311;

/// <summary>
/// A request's <c>service_request_id</c>: its public number, which grants nothing (anyone may read
/// a request's status), unlike its tracking code, which lets its holder rate, reopen and follow it
/// and so goes only to the citizen (in the POST's <c>service_notice</c>). A tracking code given as an
/// id, as Masam answered before it had public numbers, still resolves to its request.
/// </summary>
public sealed record RequestId(long? Number, string? Code)
{
    public static string Of(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number (shorter than a tracking code), or a tracking code; null when it is neither.</summary>
    public static RequestId? Parse(string? given) =>
        given is { Length: > 0 and < TrackingCodes.Length } && long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? new RequestId(number, null)
            : TrackingCodes.Normalize(given) is { } code ? new RequestId(null, code) : null;
}
