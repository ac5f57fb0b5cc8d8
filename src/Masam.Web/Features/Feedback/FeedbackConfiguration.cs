using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Feedback;

internal sealed class FeedbackItemConfiguration : IEntityTypeConfiguration<FeedbackItem>
{
    public void Configure(EntityTypeBuilder<FeedbackItem> builder)
    {
        builder.ToTable("Feedback");
        builder.HasIndex(f => f.TrackingCode).IsUnique();
        builder.HasIndex(f => new { f.ProviderId, f.ReceivedAt });
        builder.HasIndex(f => f.UpdatedAt);
        builder.HasIndex(f => new { f.Status, f.DueAt });
        builder.HasIndex(f => new { f.ReceivedMonth, f.ProviderId });
        builder.Property(f => f.Voice).HasMaxLength(Voices.Length);
        builder.Property(f => f.Network).HasMaxLength(Voices.Length);
        builder.HasIndex(f => new { f.ProviderId, f.ReceivedMonth, f.Voice });
        builder.HasIndex(f => new { f.AimagCode, f.ReceivedAt });
        builder.Property(f => f.AimagCode).HasMaxLength(8);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.Property(f => f.ExtensionReason).HasMaxLength(FeedbackRules.ReasonMaxLength);
        builder.Property(f => f.RejectionReason).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<FeedbackItem>().WithMany().HasForeignKey(f => f.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.TrackingCode).HasMaxLength(16);
        builder.Property(f => f.ServiceLineCode).HasMaxLength(64);
        builder.Property(f => f.Comment).HasMaxLength(FeedbackRules.CommentMaxLength * 2);
        builder.Property(f => f.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Gender).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.AgeBand).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(f => f.Provider).WithMany().HasForeignKey(f => f.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ServiceLine).WithMany().HasForeignKey(f => f.ServiceLineCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Contact).WithOne().HasForeignKey<FeedbackContact>(c => c.FeedbackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.Responses).WithOne().HasForeignKey(r => r.FeedbackId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedbackContactConfiguration : IEntityTypeConfiguration<FeedbackContact>
{
    public void Configure(EntityTypeBuilder<FeedbackContact> builder)
    {
        builder.HasKey(c => c.FeedbackId);
        builder.Property(c => c.Name).HasMaxLength(FeedbackRules.ContactNameMaxLength);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.Property(c => c.StopToken).HasMaxLength(32);
        builder.HasIndex(c => c.StopToken).IsUnique();
        builder.Ignore(c => c.WantsEmails);
        builder.Property(c => c.Phone).HasMaxLength(32);
        builder.Property(c => c.Email).HasMaxLength(FeedbackRules.EmailMaxLength);
    }
}

internal sealed class FeedbackResponseConfiguration : IEntityTypeConfiguration<FeedbackResponse>
{
    public void Configure(EntityTypeBuilder<FeedbackResponse> builder)
    {
        builder.Property(r => r.Body).HasMaxLength(8000);
        builder.HasIndex(r => new { r.FeedbackId, r.CreatedAt });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => r.KeyHash);
        builder.Property(r => r.KeyHash).HasMaxLength(64);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasIndex(r => r.CreatedAt);
        builder.HasOne(r => r.Feedback).WithMany().HasForeignKey(r => r.FeedbackId).OnDelete(DeleteBehavior.Cascade);
    }
}
