using Masam.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Actions;

internal sealed class ResponseActionConfiguration : IEntityTypeConfiguration<ResponseAction>
{
    public void Configure(EntityTypeBuilder<ResponseAction> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(ActionRules.TitleLength);
        builder.Property(a => a.Description).HasMaxLength(ActionRules.TextLength);
        builder.Property(a => a.FundingSource).HasMaxLength(ActionRules.FundingSourceLength);
        builder.Property(a => a.DropReason).HasMaxLength(ActionRules.ReasonLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.AdminUnitId, a.Status });
        builder.HasOne(a => a.ResponsibleProvider).WithMany().HasForeignKey(a => a.ResponsibleProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ResponsibleAdminUnit).WithMany().HasForeignKey(a => a.ResponsibleAdminUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.AdminUnit).WithMany().HasForeignKey(a => a.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Scorecards.ScorecardCycle>().WithMany().HasForeignKey(a => a.ScorecardCycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Feedback).WithMany().UsingEntity(
            "ResponseActionFeedback",
            l => l.HasOne(typeof(FeedbackItem)).WithMany().HasForeignKey("FeedbackId").OnDelete(DeleteBehavior.Cascade),
            r => r.HasOne(typeof(ResponseAction)).WithMany().HasForeignKey("ActionId").OnDelete(DeleteBehavior.Cascade),
            j => j.HasKey("ActionId", "FeedbackId"));
        builder.ToTable(t => t.HasCheckConstraint("CK_ResponseAction_Progress", "\"ProgressPercent\" BETWEEN 0 AND 100"));
    }
}

internal sealed class ActionUpdateConfiguration : IEntityTypeConfiguration<ActionUpdate>
{
    public void Configure(EntityTypeBuilder<ActionUpdate> builder)
    {
        builder.Property(u => u.AuthorName).HasMaxLength(ActionRules.AuthorNameLength);
        builder.Property(u => u.Text).HasMaxLength(ActionRules.TextLength);
        builder.Property(u => u.Links).HasMaxLength(4000);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
    }
}
