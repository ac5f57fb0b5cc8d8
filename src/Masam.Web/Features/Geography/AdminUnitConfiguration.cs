using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Geography;

internal sealed class AdminUnitConfiguration : IEntityTypeConfiguration<AdminUnit>
{
    public void Configure(EntityTypeBuilder<AdminUnit> builder)
    {
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasIndex(u => u.Path);
        builder.HasIndex(u => new { u.Level, u.ParentId });
        builder.Property(u => u.Code).HasMaxLength(16);
        builder.Property(u => u.Path).HasMaxLength(128);
        builder.Property(u => u.NameMn).HasMaxLength(128);
        builder.Property(u => u.NameEn).HasMaxLength(128);
        builder.Property(u => u.PCode).HasMaxLength(16);
        builder.Property(u => u.IsoCode).HasMaxLength(16);
        builder.Property(u => u.SearchKey).HasMaxLength(512);
        builder.Property(u => u.Level).HasConversion<int>();
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
