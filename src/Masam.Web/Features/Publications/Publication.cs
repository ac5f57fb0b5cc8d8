using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masam.Web.Features.Publications;

/// <summary>
/// A Glass Account-style report of one period (a quarter or a year) for one aimag, the capital or
/// a district, or the nation. Drafted by a background job from the stored figures, reviewed, then
/// published; a published publication and its files never change. A correction is a new edition
/// that names what it replaces and why; the old one stays downloadable, marked superseded.
/// </summary>
public sealed class Publication : Infrastructure.IVersioned
{
    public int Id { get; set; }

    /// <summary><c>2026-Q1</c> or <c>2026</c>.</summary>
    public required string Period { get; set; }

    /// <summary>The aimag, capital or district; null for the national report.</summary>
    public string? AdminUnitCode { get; set; }

    /// <summary>1 for the first report of a period and unit, 2 for its first correction, and so on.</summary>
    public int Edition { get; set; }

    public PublicationStatus Status { get; set; }

    /// <summary>How far the draft's generation has got, 0-100.</summary>
    public int Progress { get; set; }

    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? GeneratedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public int? ReplacesId { get; set; }
    public string? CorrectionReason { get; set; }
    public int? SupersededById { get; set; }

    /// <summary>The manifest (each file's name, size and SHA-256), exactly as published in <c>manifest.json</c>.</summary>
    public string? Manifest { get; set; }

    public string? ManifestSha256 { get; set; }

    /// <summary>The <see cref="RecordSha256"/> of the publication published just before: the chain anyone can recheck.</summary>
    public string? PreviousSha256 { get; set; }

    /// <summary>SHA-256 of this record's published facts and the previous record's hash (see <see cref="PublicationChain"/>).</summary>
    public string? RecordSha256 { get; set; }

    /// <summary>ECDSA P-256 signature of the manifest (IEEE P1363, base64), when a signing key is configured.</summary>
    public string? Signature { get; set; }

    public string? SigningKeyId { get; set; }

    /// <summary>
    /// The aggregation method and disclosure control its figures were made with (<c>4 linked-suppression-10</c>);
    /// <c>2</c> for editions published before linked-table protection, whose files stay as they were.
    /// </summary>
    public string? MethodVersion { get; set; }

    public int Version { get; set; }
    public List<PublicationFile> Files { get; set; } = [];

    /// <summary>Published, current or superseded: what the public catalogue, downloads, the feed and verification show.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Publication, bool>> IsPublic =
        p => p.Status == PublicationStatus.Published || p.Status == PublicationStatus.Superseded;
}

public enum PublicationStatus
{
    Queued,
    Generating,
    Draft,
    Published,
    Superseded,
    Failed,
}

/// <summary>One file of a publication, with its fingerprint.</summary>
public sealed class PublicationFile
{
    public int Id { get; set; }
    public int PublicationId { get; set; }
    public required string FileName { get; set; }

    /// <summary><c>xlsx</c>, <c>pdf</c>, <c>csv</c>, <c>json</c> or <c>manifest</c>.</summary>
    public required string Format { get; set; }

    public string? Language { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
}

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>, IEntityTypeConfiguration<PublicationFile>
{
    public void Configure(EntityTypeBuilder<Publication> builder)
    {
        builder.Property(p => p.Period).HasMaxLength(8);
        builder.Property(p => p.AdminUnitCode).HasMaxLength(16);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Error).HasMaxLength(PublicationLimits.ErrorLength);
        builder.Property(p => p.CorrectionReason).HasMaxLength(PublicationLimits.ReasonLength);
        builder.Property(p => p.ManifestSha256).HasMaxLength(64);
        builder.Property(p => p.PreviousSha256).HasMaxLength(64);
        builder.Property(p => p.RecordSha256).HasMaxLength(64);
        builder.Property(p => p.Signature).HasMaxLength(200);
        builder.Property(p => p.SigningKeyId).HasMaxLength(64);
        builder.Property(p => p.MethodVersion).HasMaxLength(64);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.Period, p.AdminUnitCode, p.Edition }).IsUnique();
        builder.HasIndex(p => p.PublishedAt);
        builder.HasMany(p => p.Files).WithOne().HasForeignKey(f => f.PublicationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PublicationFile> builder)
    {
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.Format).HasMaxLength(16);
        builder.Property(f => f.Language).HasMaxLength(8);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.HasIndex(f => f.Sha256);
        builder.HasIndex(f => new { f.PublicationId, f.FileName }).IsUnique();
    }
}
