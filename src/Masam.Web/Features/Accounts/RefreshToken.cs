using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// One refresh token issued to an API client, by its id (the token itself carries the id, protected).
/// A token is used once: refreshing marks it used and issues the next of its family; a used token
/// presented again means it was copied, and the whole family is revoked.
/// </summary>
public sealed class RefreshToken
{
    public required string Id { get; set; }

    /// <summary>The tokens descended from one sign-in.</summary>
    public required string FamilyId { get; set; }

    public required string UserId { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.Property(t => t.Id).HasMaxLength(32);
        builder.Property(t => t.FamilyId).HasMaxLength(32);
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.UserId);
        builder.HasIndex(t => t.ExpiresAt);
    }
}
