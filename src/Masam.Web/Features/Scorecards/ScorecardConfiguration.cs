using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Scorecards;

internal sealed class ScorecardIndicatorConfiguration : IEntityTypeConfiguration<ScorecardIndicator>
{
    public void Configure(EntityTypeBuilder<ScorecardIndicator> builder)
    {
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.Code).HasMaxLength(64);
        builder.Property(i => i.SectorCode).HasMaxLength(64);
        builder.Property(i => i.NameMn).HasMaxLength(ScorecardLimits.NameLength);
        builder.Property(i => i.NameEn).HasMaxLength(ScorecardLimits.NameLength);
    }
}

internal sealed class ScorecardCycleConfiguration : IEntityTypeConfiguration<ScorecardCycle>
{
    public void Configure(EntityTypeBuilder<ScorecardCycle> builder)
    {
        builder.Property(c => c.FacilitatingGroup).HasMaxLength(ScorecardLimits.NameLength);
        builder.Property(c => c.Stage).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.ProviderId, c.PeriodStart });
        builder.HasOne(c => c.Provider).WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.InterfaceNotes).HasMaxLength(ScorecardLimits.NotesLength);
        builder.HasMany(c => c.InputTracking).WithOne().HasForeignKey(l => l.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Indicators).WithOne().HasForeignKey(i => i.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.FocusGroups).WithOne().HasForeignKey(g => g.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.SelfScores).WithOne().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CycleIndicatorConfiguration : IEntityTypeConfiguration<CycleIndicator>
{
    public void Configure(EntityTypeBuilder<CycleIndicator> builder)
    {
        builder.Property(i => i.NameMn).HasMaxLength(ScorecardLimits.NameLength);
        builder.Property(i => i.NameEn).HasMaxLength(ScorecardLimits.NameLength);
        builder.HasOne(i => i.LibraryIndicator).WithMany().HasForeignKey(i => i.LibraryIndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.CycleId, i.LibraryIndicatorId }).IsUnique();
    }
}

internal sealed class FocusGroupConfiguration : IEntityTypeConfiguration<FocusGroup>
{
    public void Configure(EntityTypeBuilder<FocusGroup> builder)
    {
        builder.Property(g => g.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(g => g.OtherName).HasMaxLength(ScorecardLimits.GroupNameLength);
        builder.HasMany(g => g.Scores).WithOne().HasForeignKey(s => s.FocusGroupId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_FocusGroup_Counts",
            "\"Participants\" >= 0 AND \"Female\" BETWEEN 0 AND \"Participants\" AND \"WithDisability\" BETWEEN 0 AND \"Participants\" AND \"Youth\" BETWEEN 0 AND \"Participants\""));
    }
}

internal sealed class GroupScoreConfiguration : IEntityTypeConfiguration<GroupScore>
{
    public void Configure(EntityTypeBuilder<GroupScore> builder)
    {
        builder.HasKey(s => new { s.FocusGroupId, s.CycleIndicatorId });
        builder.Property(s => s.Reason).HasMaxLength(ScorecardLimits.ScoreTextLength);
        builder.Property(s => s.Suggestion).HasMaxLength(ScorecardLimits.ScoreTextLength);
        builder.HasOne<CycleIndicator>().WithMany().HasForeignKey(s => s.CycleIndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_GroupScore_Range", "\"Score\" BETWEEN 1 AND 5"));
    }
}

internal sealed class SelfScoreConfiguration : IEntityTypeConfiguration<SelfScore>
{
    public void Configure(EntityTypeBuilder<SelfScore> builder)
    {
        builder.HasKey(s => new { s.CycleId, s.CycleIndicatorId });
        builder.Property(s => s.Reason).HasMaxLength(ScorecardLimits.ScoreTextLength);
        builder.HasOne<CycleIndicator>().WithMany().HasForeignKey(s => s.CycleIndicatorId).OnDelete(DeleteBehavior.NoAction);
        builder.ToTable(t => t.HasCheckConstraint("CK_SelfScore_Range", "\"Score\" BETWEEN 1 AND 5"));
    }
}

internal sealed class InputTrackingLineConfiguration : IEntityTypeConfiguration<InputTrackingLine>
{
    public void Configure(EntityTypeBuilder<InputTrackingLine> builder)
    {
        builder.Property(l => l.Item).HasMaxLength(ScorecardLimits.NameLength);
        builder.Property(l => l.Entitled).HasMaxLength(ScorecardLimits.NameLength);
        builder.Property(l => l.Actual).HasMaxLength(ScorecardLimits.NameLength);
        builder.Property(l => l.Remark).HasMaxLength(ScorecardLimits.ReasonLength);
    }
}
