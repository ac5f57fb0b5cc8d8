using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Sms;

/// <summary>
/// The <c>Masam:Sms</c> section. SMS is on when <see cref="GatewaySecret"/> is set: the inbound
/// endpoints then take messages from a gateway that sends it, and replies go out through
/// <see cref="Gateway"/>.
/// </summary>
public sealed class SmsOptions : IValidatableObject
{
    public const string Section = "Masam:Sms";

    /// <summary>
    /// The shared secret a gateway sends with every request (<c>key</c> in the query string, as
    /// Kannel's <c>get-url</c> can, or an <c>X-Masam-Gateway-Key</c> header). Without it the
    /// inbound endpoints answer 404: SMS is off.
    /// </summary>
    public string? GatewaySecret { get; set; }

    /// <summary>The key of the HMAC that turns a phone number into the hash kept for rate limits and STOP; at least 32 characters.</summary>
    public string? PhoneHashKey { get; set; }

    /// <summary>The short number citizens text, shown on provider pages and posters (<c>1411</c>).</summary>
    [RegularExpression("^[0-9+]{3,15}$")]
    public string? ShortNumber { get; set; }

    /// <summary>Which gateway sends replies: <c>kannel</c> or <c>rapidpro</c>; none, and replies wait in the outbox.</summary>
    [RegularExpression("^(kannel|rapidpro)$")]
    public string? Gateway { get; set; }

    /// <summary>Messages a phone may send in an hour; more are logged and neither stored nor answered. 0: no limit.</summary>
    [Range(0, 10_000)]
    public int MaxPerPhonePerHour { get; set; } = 30;

    /// <summary>How many sends to the gateway run at once.</summary>
    [Range(1, 64)]
    public int SendConcurrency { get; set; } = 8;

    public KannelOptions Kannel { get; set; } = new();
    public RapidProOptions RapidPro { get; set; } = new();

    public bool Enabled => !string.IsNullOrEmpty(GatewaySecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (GatewaySecret!.Length < 16)
        {
            yield return new ValidationResult("Masam:Sms:GatewaySecret must be at least 16 characters.", [nameof(GatewaySecret)]);
        }

        if (string.IsNullOrEmpty(PhoneHashKey) || PhoneHashKey.Length < 32)
        {
            yield return new ValidationResult("Masam:Sms:PhoneHashKey (at least 32 characters) is needed when SMS is on.", [nameof(PhoneHashKey)]);
        }

        if (Gateway == "kannel" && string.IsNullOrEmpty(Kannel.SendUrl))
        {
            yield return new ValidationResult("Masam:Sms:Kannel:SendUrl is needed to send replies through Kannel.", [nameof(Kannel)]);
        }

        if (Gateway == "rapidpro" && string.IsNullOrEmpty(RapidPro.SendUrl))
        {
            yield return new ValidationResult("Masam:Sms:RapidPro:SendUrl is needed to send replies through RapidPro.", [nameof(RapidPro)]);
        }
    }
}

/// <summary>Kannel's smsbox: its <c>sendsms</c> interface and the user Masam sends as.</summary>
public sealed class KannelOptions
{
    /// <summary><c>http://127.0.0.1:13013/cgi-bin/sendsms</c></summary>
    public string? SendUrl { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender of replies (the short number); Kannel's own default when empty.</summary>
    public string? From { get; set; }

    /// <summary>Routes replies to one SMSC (<c>smsc</c> parameter); any when empty.</summary>
    public string? SmscId { get; set; }

    /// <summary>
    /// Masam's own address as Kannel reaches it (<c>http://127.0.0.1:5080</c>), for delivery reports;
    /// no delivery reports when empty.
    /// </summary>
    public string? CallbackBaseUrl { get; set; }
}

/// <summary>A RapidPro (courier) external channel: where Masam posts replies, with the channel's token.</summary>
public sealed class RapidProOptions
{
    public string? SendUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Token …</c> when set.</summary>
    public string? Token { get; set; }
}
