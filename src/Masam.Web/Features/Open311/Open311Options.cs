using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Open311;

/// <summary>The <c>Masam:Open311</c> section: the GeoReport v2 server's limits and what its discovery document says.</summary>
public sealed class Open311Options
{
    public const string Section = "Masam:Open311";

    /// <summary>
    /// Up to this many providers, a service's <c>provider</c> attribute is a list to pick from;
    /// beyond it (the whole country, or a large aimag) it is a provider code to type.
    /// </summary>
    [Range(1, 10_000)]
    public int ProviderListLimit { get; set; } = 300;

    /// <summary>Service requests a key may post in a minute; more are refused (429) until the minute is over. 0: no limit.</summary>
    [Range(0, 100_000)]
    public int RequestsPerMinutePerKey { get; set; } = 120;

    /// <summary>Who runs this installation and how to reach them (discovery's <c>contact</c>); the platform's address when unset.</summary>
    [MaxLength(500)]
    public string? Contact { get; set; }

    /// <summary>How to ask for an api_key (discovery's <c>key_service</c>); a sentence naming the administrator when unset.</summary>
    [MaxLength(500)]
    public string? KeyService { get; set; }
}
