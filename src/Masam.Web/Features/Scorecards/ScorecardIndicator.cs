namespace Masam.Web.Features.Scorecards;

/// <summary>A standard indicator from the library (per sector, in Mongolian and English).</summary>
public sealed class ScorecardIndicator
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string SectorCode { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
}
