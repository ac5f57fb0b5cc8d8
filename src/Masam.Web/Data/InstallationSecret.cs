using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Data;

/// <summary>
/// A secret the installation makes for itself at first use and keeps in its database, so that every
/// node shares it and a restored backup keeps it (the key of the voices' pseudonyms). Never shown.
/// </summary>
public sealed class InstallationSecret
{
    public required string Name { get; set; }

    /// <summary>Base64.</summary>
    public required string Value { get; set; }
}

internal sealed class InstallationSecretConfiguration : IEntityTypeConfiguration<InstallationSecret>
{
    public void Configure(EntityTypeBuilder<InstallationSecret> builder)
    {
        builder.ToTable("InstallationSecrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Value).HasMaxLength(256);
    }
}
