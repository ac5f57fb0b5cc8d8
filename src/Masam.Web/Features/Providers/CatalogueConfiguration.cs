using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Providers;

internal sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> builder)
    {
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(64);
        builder.Property(s => s.NameMn).HasMaxLength(128);
        builder.Property(s => s.NameEn).HasMaxLength(128);
    }
}

internal sealed class ServiceLineConfiguration : IEntityTypeConfiguration<ServiceLine>
{
    public void Configure(EntityTypeBuilder<ServiceLine> builder)
    {
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(64);
        builder.Property(s => s.SectorCode).HasMaxLength(64);
        builder.Property(s => s.NameMn).HasMaxLength(128);
        builder.Property(s => s.NameEn).HasMaxLength(128);
        builder.HasOne(s => s.Sector).WithMany().HasForeignKey(s => s.SectorCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProviderTypeConfiguration : IEntityTypeConfiguration<ProviderType>
{
    public void Configure(EntityTypeBuilder<ProviderType> builder)
    {
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(64);
        builder.Property(t => t.SectorCode).HasMaxLength(64);
        builder.Property(t => t.NameMn).HasMaxLength(128);
        builder.Property(t => t.NameEn).HasMaxLength(128);
        builder.HasOne(t => t.Sector).WithMany().HasForeignKey(t => t.SectorCode).OnDelete(DeleteBehavior.Restrict);
    }
}
