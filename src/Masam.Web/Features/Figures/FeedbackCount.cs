namespace Masam.Web.Features.Figures;

/// <summary>
/// How many valid responses gave each score, for one provider, one month and one value of one
/// dimension (<c>all</c>, or <c>gender = female</c>, ...). Every published figure — quarters,
/// years, soums, aimags, the nation, sectors — is a sum of these rows, so the aggregation job only
/// ever recounts the (provider, month) cells that changed.
/// </summary>
public sealed class FeedbackCount
{
    public int ProviderId { get; set; }
    public DateOnly Month { get; set; }
    public required string Dimension { get; set; }
    public required string Value { get; set; }
    public int C1 { get; set; }
    public int C2 { get; set; }
    public int C3 { get; set; }
    public int C4 { get; set; }
    public int C5 { get; set; }
}

/// <summary>One run of the aggregation, so that any figure can be traced to the method and the input it came from.</summary>
public sealed class AggregationRun
{
    public int Id { get; set; }

    /// <summary><c>full</c> or <c>incremental</c>.</summary>
    public required string Kind { get; set; }

    public required string MethodVersion { get; set; }

    /// <summary>How the published figures were protected: <c>linked-suppression-10</c> (method and threshold).</summary>
    public string? Disclosure { get; set; }

    public int SuppressionThreshold { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }

    /// <summary>Feedback changed after this moment (exclusive) and up to <see cref="WatermarkTo"/> was read; null for a full run.</summary>
    public DateTime? WatermarkFrom { get; set; }

    public DateTime WatermarkTo { get; set; }

    /// <summary>
    /// The highest feedback id the run counted: every row up to it is in the counts, none after it.
    /// The next run adds the rows after it to the stored tallies instead of recounting their cells.
    /// </summary>
    public long? FeedbackIdTo { get; set; }

    public int CellsRecounted { get; set; }

    /// <summary>Cells whose new rows were added to the stored tallies (an incremental run).</summary>
    public int CellsAdded { get; set; }
}

internal sealed class FigureConfiguration :
    Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<FeedbackCount>, Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<AggregationRun>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<FeedbackCount> builder)
    {
        // Month and dimension first: every read asks for some months of one dimension, and the incremental run deletes by month.
        builder.HasKey(c => new { c.Month, c.Dimension, c.ProviderId, c.Value });
        builder.Property(c => c.Dimension).HasMaxLength(32);
        builder.Property(c => c.Value).HasMaxLength(64);
    }

    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<AggregationRun> builder)
    {
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.Property(r => r.MethodVersion).HasMaxLength(16);
        builder.Property(r => r.Disclosure).HasMaxLength(64);
    }
}
