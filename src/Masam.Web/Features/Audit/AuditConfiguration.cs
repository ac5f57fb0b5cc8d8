using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.ActorRole).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.EntityType).HasMaxLength(64);
        builder.Property(e => e.EntityId).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
    }
}
