using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Reminders;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(8000);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.SourceKey).HasMaxLength(160);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(m => new { m.SentAt, m.Id });
        builder.HasIndex(m => new { m.Channel, m.State, m.Id });
        builder.HasIndex(m => m.SourceKey).IsUnique();
    }
}
