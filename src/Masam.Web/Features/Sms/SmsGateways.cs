using System.Globalization;
using Masam.Web.Features.Reminders;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Sms;

/// <summary>What a gateway said to a message handed to it.</summary>
/// <param name="Accepted">The gateway took it (it may still report it undelivered later).</param>
/// <param name="Permanent">Refused for good (a bad number, a refused login): not tried again.</param>
public sealed record GatewayAnswer(bool Accepted, string? Error = null, bool Permanent = false)
{
    public static readonly GatewayAnswer Ok = new(true);
}

/// <summary>A gateway Masam sends SMS through.</summary>
public interface ISmsGateway
{
    Task<GatewayAnswer> SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>
/// Kannel's <c>sendsms</c> interface: UTF-8 text, sent as UCS-2 (coding 2) when it is not all
/// GSM-7, asking for delivery reports (delivered, failed, refused by the SMSC) at
/// <c>/api/v1/sms/kannel/delivery</c> with the outbox message's id.
/// </summary>
public sealed class KannelGateway(HttpClient http, IOptions<SmsOptions> options) : ISmsGateway
{
    /// <summary>Kannel's DLR mask: 1 delivered, 2 undelivered, 16 refused by the SMSC.</summary>
    public const int DeliveryMask = 1 | 2 | 16;

    public async Task<GatewayAnswer> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var sms = options.Value;
        var kannel = sms.Kannel;
        var query = new List<KeyValuePair<string, string?>>
        {
            new("username", kannel.UserName), new("password", kannel.Password), new("to", message.To), new("text", message.Body),
            new("charset", "UTF-8"), new("coding", SmsReplies.GsmLength(message.Body) is null ? "2" : "0"),
        };
        if (!string.IsNullOrEmpty(kannel.From)) query.Add(new("from", kannel.From));
        if (!string.IsNullOrEmpty(kannel.SmscId)) query.Add(new("smsc", kannel.SmscId));
        if (!string.IsNullOrEmpty(kannel.CallbackBaseUrl))
        {
            var report = $"{kannel.CallbackBaseUrl.TrimEnd('/')}/api/v1/sms/kannel/delivery?key={Uri.EscapeDataString(sms.GatewaySecret!)}" +
                $"&id={message.Id.ToString(CultureInfo.InvariantCulture)}&status=%d";
            query.Add(new("dlr-mask", DeliveryMask.ToString(CultureInfo.InvariantCulture)));
            query.Add(new("dlr-url", report));
        }

        var url = kannel.SendUrl + "?" + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value ?? "")}"));
        using var response = await http.GetAsync(url, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        // 202 "0: Accepted for delivery" or "3: Queued for later delivery"; 4xx a request Kannel will never take.
        return response.IsSuccessStatusCode
            ? GatewayAnswer.Ok
            : new GatewayAnswer(false, $"Kannel {(int)response.StatusCode}: {body.Trim()}", Permanent: (int)response.StatusCode is >= 400 and < 500 and not 403);
    }
}

/// <summary>
/// A RapidPro (courier) external channel's send URL: a form post with <c>id</c>, <c>to</c>,
/// <c>text</c> and <c>from</c>, and the channel's token; its status callbacks come back to
/// <c>/api/v1/sms/rapidpro/status</c> with the same id.
/// </summary>
public sealed class RapidProGateway(HttpClient http, IOptions<SmsOptions> options) : ISmsGateway
{
    public async Task<GatewayAnswer> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var rapidPro = options.Value.RapidPro;
        using var request = new HttpRequestMessage(HttpMethod.Post, rapidPro.SendUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["id"] = message.Id.ToString(CultureInfo.InvariantCulture),
                ["to"] = message.To,
                ["text"] = message.Body,
                ["from"] = options.Value.ShortNumber ?? "",
            }),
        };
        if (!string.IsNullOrEmpty(rapidPro.Token))
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Token {rapidPro.Token}");
        }

        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode
            ? GatewayAnswer.Ok
            : new GatewayAnswer(false, $"RapidPro {(int)response.StatusCode}", Permanent: (int)response.StatusCode is 400 or 404 or 422);
    }
}
