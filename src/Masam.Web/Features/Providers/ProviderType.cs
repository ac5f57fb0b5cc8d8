namespace Masam.Web.Features.Providers;

/// <summary>A kind of provider (school, family health centre, One-Stop Service Centre...).</summary>
public sealed class ProviderType
{
    public required string Code { get; set; }
    public required string SectorCode { get; set; }
    public Sector? Sector { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
}
