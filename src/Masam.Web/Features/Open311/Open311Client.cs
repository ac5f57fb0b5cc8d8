using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Open311;

/// <summary>
/// An application allowed to post service requests through Open311 (a civic app, a city system):
/// its <c>api_key</c> is shown once when Admin issues it and kept only as a SHA-256 hash.
/// </summary>
public sealed class Open311Client : Accounts.IApplicationKey
{
    public int Id { get; set; }

    /// <summary>Who the key is for, as Admin named it (<c>FixMyStreet Mongolia</c>).</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the key, base64url.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The key's first characters, to tell keys apart in the list; not enough to use it.</summary>
    public required string KeyHint { get; set; }

    public DateTime IssuedAt { get; set; }
    public string? IssuedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    /// <summary>The last request with this key, to the hour.</summary>
    public DateTime? LastUsedAt { get; set; }

    /// <summary>The Development demo's key; revoked at start-up wherever demo data is off.</summary>
    public bool IsDemo { get; set; }
}

internal sealed class Open311ClientConfiguration : IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<Open311Client> builder)
    {
        builder.ToTable("Open311Clients");
        builder.Property(c => c.Name).HasMaxLength(Accounts.ApplicationKeys.NameMaxLength);
        builder.Property(c => c.KeyHash).HasMaxLength(64);
        builder.Property(c => c.KeyHint).HasMaxLength(16);
        builder.Property(c => c.IssuedBy).HasMaxLength(256);
        builder.Property(c => c.RevokedBy).HasMaxLength(256);
        builder.HasIndex(c => c.KeyHash).IsUnique();
    }
}
