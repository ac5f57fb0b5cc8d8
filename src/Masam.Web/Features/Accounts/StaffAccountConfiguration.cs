using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Accounts;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasMany(u => u.Assignments).WithOne().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffAssignmentConfiguration : IEntityTypeConfiguration<StaffAssignment>
{
    public void Configure(EntityTypeBuilder<StaffAssignment> builder)
    {
        builder.HasOne(a => a.AdminUnit).WithMany().HasForeignKey(a => a.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Provider).WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_StaffAssignment_OneTarget",
            "(\"AdminUnitId\" IS NULL) <> (\"ProviderId\" IS NULL)"));
    }
}
