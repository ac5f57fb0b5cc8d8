using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Figures;

/// <summary>
/// One satisfaction figure as the aggregation decided to publish it: a closed quarter or a whole
/// year, an area (the nation, an aimag, an aimag's own bodies, a soum or district, or a provider),
/// everyone or one value of one dimension (or one sector), and whether it is shown. Every outlet
/// (the API, the pages, the feed, the reports) serves these rows through <see cref="PublishedFigures"/>
/// and nothing else, so that they all show exactly the same decision. Counts are kept for shown
/// cells only; a hidden cell keeps a fingerprint of its counts, so that the next run can tell
/// whether it changed.
/// </summary>
public sealed class PublishedCell
{
    /// <summary><c>2026-Q1</c> or <c>2026</c>.</summary>
    public required string Period { get; set; }

    public int Year { get; set; }
    public FigureLevel Level { get; set; }

    /// <summary><c>MN</c> for the nation; the aimag's code for its bodies; the provider's soum (or aimag) for a provider.</summary>
    public required string UnitCode { get; set; }

    /// <summary>The provider, for <see cref="FigureLevel.Provider"/>; 0 otherwise.</summary>
    public int ProviderId { get; set; }

    /// <summary><c>all</c>, a dimension (<c>gender</c>, <c>age-band</c>, ...) or <c>sector</c>.</summary>
    public required string Dimension { get; set; }

    /// <summary>Empty for <c>all</c>.</summary>
    public required string Value { get; set; }

    /// <summary>The aimag (or the capital) the area lies in; null for the nation.</summary>
    public string? AimagCode { get; set; }

    /// <summary>A provider's sector.</summary>
    public string? SectorCode { get; set; }

    public CellDisclosure Disclosure { get; set; }
    public int? C1 { get; set; }
    public int? C2 { get; set; }
    public int? C3 { get; set; }
    public int? C4 { get; set; }
    public int? C5 { get; set; }
    public long Fingerprint { get; set; }

    /// <summary>
    /// For a shown total of the nation or an aimag: the satisfaction rate weighted to the
    /// population, computed from the shown figures only (<see cref="Weighting.PublishedWeights"/>); null otherwise.
    /// </summary>
    public double? WeightedRate { get; set; }

    /// <summary>Kish's effective sample size of the weighted rate.</summary>
    public double? EffectiveN { get; set; }

    /// <summary>A fixed 64-bit FNV-1a hash of the five counts.</summary>
    public static long FingerprintOf(ReadOnlySpan<int> counts)
    {
        var hash = 14695981039346656037UL;
        foreach (var count in counts)
        {
            foreach (var b in BitConverter.GetBytes(count))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }
        }

        return unchecked((long)hash);
    }
}

internal sealed class PublishedCellConfiguration : IEntityTypeConfiguration<PublishedCell>
{
    public void Configure(EntityTypeBuilder<PublishedCell> builder)
    {
        builder.HasKey(c => new { c.Period, c.Level, c.UnitCode, c.ProviderId, c.Dimension, c.Value });
        builder.Property(c => c.Period).HasMaxLength(8);
        builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.UnitCode).HasMaxLength(16);
        builder.Property(c => c.Dimension).HasMaxLength(32);
        builder.Property(c => c.Value).HasMaxLength(64);
        builder.Property(c => c.AimagCode).HasMaxLength(16);
        builder.Property(c => c.SectorCode).HasMaxLength(32);
        builder.Property(c => c.Disclosure).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => c.Year);
        builder.HasIndex(c => new { c.Period, c.AimagCode, c.Level });
    }
}
