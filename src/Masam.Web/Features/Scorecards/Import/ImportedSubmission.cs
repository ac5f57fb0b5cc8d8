namespace Masam.Web.Features.Scorecards.Import;

/// <summary>Which focus group a tablet submission became, so that importing the same export again updates instead of duplicating.</summary>
public sealed class ImportedSubmission
{
    public int CycleId { get; set; }

    /// <summary>KoBo's <c>_uuid</c> or ODK's <c>meta-instanceID</c>.</summary>
    public required string InstanceId { get; set; }

    public int FocusGroupId { get; set; }
    public FocusGroup? FocusGroup { get; set; }
    public required string Source { get; set; }
    public string? SubmittedAt { get; set; }
    public DateTime ImportedAt { get; set; }
}

internal sealed class ImportedSubmissionConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<ImportedSubmission>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ImportedSubmission> builder)
    {
        builder.HasKey(s => new { s.CycleId, s.InstanceId });
        builder.Property(s => s.InstanceId).HasMaxLength(128);
        builder.Property(s => s.Source).HasMaxLength(16);
        builder.Property(s => s.SubmittedAt).HasMaxLength(64);
        builder.HasOne<ScorecardCycle>().WithMany().HasForeignKey(s => s.CycleId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Cascade);
        builder.HasOne(s => s.FocusGroup).WithMany().HasForeignKey(s => s.FocusGroupId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Cascade);
    }
}
