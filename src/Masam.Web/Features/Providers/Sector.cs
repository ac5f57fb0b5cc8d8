namespace Masam.Web.Features.Providers;

/// <summary>A sector of public service (health, education, ...), keyed on a stable code.</summary>
public sealed class Sector
{
    public required string Code { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
}
