using Masam.Web.Features.Geography;

namespace Masam.Web.Features.Providers;

/// <summary>A public service provider: it belongs to one admin unit and offers one or more service lines.</summary>
public sealed class Provider
{
    public int Id { get; set; }

    /// <summary>A stable code; demo providers' codes begin with <c>DEMO-</c>.</summary>
    public required string Code { get; set; }

    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
    public required string TypeCode { get; set; }
    public ProviderType? Type { get; set; }
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public List<ServiceLine> ServiceLines { get; set; } = [];

    /// <summary>State registration number of the entity, where known (published with Glass Account reports).</summary>
    public string? RegistrationNumber { get; set; }

    public string? AddressMn { get; set; }

    /// <summary>
    /// The short code a citizen texts with a score (<c>ULI01</c>): printed on the poster at the
    /// provider, shown on its page; letters then digits (<see cref="Sms.SmsGrammar.ProviderCode"/>), unique.
    /// </summary>
    public string? SmsCode { get; set; }
    public bool IsDemo { get; set; }
    public bool IsActive { get; set; } = true;
    public required string SearchKey { get; set; }
}
