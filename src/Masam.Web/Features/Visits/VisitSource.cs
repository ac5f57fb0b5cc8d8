using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Visits;

/// <summary>
/// A system that reports service visits (a One-Stop Service Centre's registry, a hospital's
/// queue system) or one centre's own key: its key is shown once when Admin issues it and kept only
/// as a SHA-256 hash (<see cref="Accounts.ApplicationKeys"/>). A key issued for one provider reports
/// that provider's visits only.
/// </summary>
public sealed class VisitSource : Accounts.IApplicationKey
{
    public int Id { get; set; }

    /// <summary>Who the key is for, as Admin named it (<c>Uliastai OSS registry</c>).</summary>
    public required string Name { get; set; }

    /// <summary>The one provider this key reports for; null for a system that reports many.</summary>
    public int? ProviderId { get; set; }

    public required string KeyHash { get; set; }
    public required string KeyHint { get; set; }
    public DateTime IssuedAt { get; set; }
    public string? IssuedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

internal sealed class VisitSourceConfiguration : IEntityTypeConfiguration<VisitSource>
{
    public void Configure(EntityTypeBuilder<VisitSource> builder)
    {
        builder.ToTable("VisitSources");
        builder.Property(s => s.Name).HasMaxLength(Accounts.ApplicationKeys.NameMaxLength);
        builder.Property(s => s.KeyHash).HasMaxLength(64);
        builder.Property(s => s.KeyHint).HasMaxLength(16);
        builder.Property(s => s.IssuedBy).HasMaxLength(256);
        builder.Property(s => s.RevokedBy).HasMaxLength(256);
        builder.HasIndex(s => s.KeyHash).IsUnique();
        builder.HasOne<Providers.Provider>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}
