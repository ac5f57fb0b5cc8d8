using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Providers;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.HasIndex(p => p.Code).IsUnique();
        builder.HasIndex(p => new { p.AdminUnitId, p.TypeCode });
        builder.HasIndex(p => p.SmsCode).IsUnique();
        builder.Property(p => p.SmsCode).HasMaxLength(9);
        builder.Property(p => p.Code).HasMaxLength(64);
        builder.Property(p => p.NameMn).HasMaxLength(256);
        builder.Property(p => p.NameEn).HasMaxLength(256);
        builder.Property(p => p.TypeCode).HasMaxLength(64);
        builder.Property(p => p.RegistrationNumber).HasMaxLength(32);
        builder.Property(p => p.AddressMn).HasMaxLength(512);
        builder.Property(p => p.SearchKey).HasMaxLength(1024);
        builder.HasOne(p => p.Type).WithMany().HasForeignKey(p => p.TypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.AdminUnit).WithMany().HasForeignKey(p => p.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.ServiceLines).WithMany().UsingEntity(
            "ProviderServiceLine",
            l => l.HasOne(typeof(ServiceLine)).WithMany().HasForeignKey("ServiceLineCode").OnDelete(DeleteBehavior.Restrict),
            r => r.HasOne(typeof(Provider)).WithMany().HasForeignKey("ProviderId").OnDelete(DeleteBehavior.Cascade),
            j => j.HasKey("ProviderId", "ServiceLineCode"));
    }
}
