using Masam.Web.Features.Scorecards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Figures;

/// <summary>
/// One indicator of one Community Score Card cycle whose scores were agreed at the interface
/// meeting: the community's consolidated score (the mean of the groups' scores), the provider's
/// self-score and the gap (self minus community). The groups' own scores sit beside it in
/// <see cref="ScorecardGroupFigure"/>, never merged away.
/// </summary>
public sealed class ScorecardFigure
{
    public int CycleId { get; set; }
    public int CycleIndicatorId { get; set; }
    public int ProviderId { get; set; }

    /// <summary>The month the cycle's period ends in: the period it is published for.</summary>
    public DateOnly Month { get; set; }

    public int? LibraryIndicatorId { get; set; }
    public required string NameMn { get; set; }
    public required string NameEn { get; set; }
    public int Position { get; set; }
    public int Groups { get; set; }
    public decimal? CommunityScore { get; set; }
    public int? SelfScore { get; set; }
    public decimal? Gap { get; set; }
}

/// <summary>One focus group's score on one indicator of a published cycle.</summary>
public sealed class ScorecardGroupFigure
{
    public int CycleId { get; set; }
    public int CycleIndicatorId { get; set; }
    public int FocusGroupId { get; set; }
    public FocusGroupType GroupType { get; set; }
    public string? GroupName { get; set; }
    public int Participants { get; set; }
    public int Score { get; set; }
}

internal sealed class ScorecardFigureConfiguration : IEntityTypeConfiguration<ScorecardFigure>, IEntityTypeConfiguration<ScorecardGroupFigure>
{
    public void Configure(EntityTypeBuilder<ScorecardFigure> builder)
    {
        builder.HasKey(f => new { f.CycleId, f.CycleIndicatorId });
        builder.HasIndex(f => new { f.Month, f.ProviderId });
        builder.Property(f => f.NameMn).HasMaxLength(300);
        builder.Property(f => f.NameEn).HasMaxLength(300);
        builder.Property(f => f.CommunityScore).HasPrecision(5, 2);
        builder.Property(f => f.Gap).HasPrecision(5, 2);
    }

    public void Configure(EntityTypeBuilder<ScorecardGroupFigure> builder)
    {
        builder.HasKey(f => new { f.CycleId, f.CycleIndicatorId, f.FocusGroupId });
        builder.Property(f => f.GroupType).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.GroupName).HasMaxLength(200);
    }
}
