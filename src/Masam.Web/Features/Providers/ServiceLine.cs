namespace Masam.Web.Features.Providers;

/// <summary>A line of service a provider offers, such as social insurance at a One-Stop Shop desk.</summary>
public sealed class ServiceLine
{
    public required string Code { get; set; }
    public required string SectorCode { get; set; }
    public Sector? Sector { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
}
