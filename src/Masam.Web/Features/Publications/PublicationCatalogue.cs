using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The public catalogue of published reports, for the API and the pages alike: the views of
/// publications with their files, and the verification of a file by its fingerprint.
/// </summary>
public sealed class PublicationCatalogue(MasamDbContext db)
{
    /// <summary>The largest upload the verification reads: larger than any published file can be.</summary>
    public const long MaxVerifyBytes = 64 * 1024 * 1024;

    /// <summary>Published and superseded publications, with their files.</summary>
    public IQueryable<Publication> Published() => db.Publications.AsNoTracking().Include(p => p.Files).Where(Publication.IsPublic);

    public async Task<List<PublicationView>> ViewsAsync(IReadOnlyList<Publication> publications, string? format, CancellationToken ct)
    {
        var codes = publications.Select(p => p.AdminUnitCode).OfType<string>().Distinct().ToList();
        var units = await db.AdminUnits.AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => (u.NameMn, u.NameEn), ct);
        return [.. publications.Select(p => new PublicationView(
            p.Id, p.Period, p.AdminUnitCode, p.AdminUnitCode is { } c ? units.GetValueOrDefault(c).NameMn : "Монгол Улс",
            p.AdminUnitCode is { } e ? units.GetValueOrDefault(e).NameEn : "Mongolia", p.Edition, WireEnum<PublicationStatus>.Name(p.Status),
            p.PublishedAt, p.ReplacesId, p.SupersededById, p.CorrectionReason, p.ManifestSha256, p.PreviousSha256, p.RecordSha256, p.Signature, p.SigningKeyId,
            p.MethodVersion,
            [.. p.Files.Where(f => format is null || f.Format == format).OrderBy(f => f.FileName, StringComparer.Ordinal)
                .Select(f => new PublicationFileView(f.FileName, f.Format, f.Language, f.Size, f.Sha256, $"/reports/files/{p.Id}/{f.FileName}"))]))];
    }

    /// <summary>Which publication a file with this SHA-256 belongs to, and whether that is current.</summary>
    public async Task<Verification> VerifyAsync(string sha256, CancellationToken ct)
    {
        if (await Publications.FindAsync(db, sha256, ct) is not { } found)
        {
            return new Verification(sha256, false, null, null, null, null);
        }

        var view = (await ViewsAsync([found.Publication], null, ct))[0];
        return new Verification(sha256, true, found.File.FileName, found.File.Format, found.Publication.Status == PublicationStatus.Published, view);
    }

    /// <summary>SHA-256 of a stream read to its end, or null past <see cref="MaxVerifyBytes"/>.</summary>
    public static async Task<string?> HashAsync(Stream body, CancellationToken ct)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxVerifyBytes) return null;
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
