using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The public catalogue of published reports, for the API and the pages alike: the views of
/// publications with their files, and the verification of a file by its fingerprint.
/// </summary>
public sealed class PublicationCatalogue(MasamDbContext db, PublishedFiles files)
{
    /// <summary>The largest upload the server takes for a verification at all; the real limit is the largest published file (<see cref="VerifyLimitAsync"/>).</summary>
    public const long MaxVerifyBytes = 64 * 1024 * 1024;

    /// <summary>
    /// How large a file to check may be: no larger than the largest file published (a larger one
    /// cannot match), and at least a megabyte, so that a wrong file still gets its answer.
    /// </summary>
    public async Task<long> VerifyLimitAsync(CancellationToken ct)
    {
        var largest = await db.Set<PublicationFile>().Where(f => db.Publications.Where(Publication.IsPublic).Any(p => p.Id == f.PublicationId))
            .MaxAsync(f => (long?)f.Size, ct) ?? 0;
        return Math.Clamp(largest, 1024 * 1024, MaxVerifyBytes);
    }

    /// <summary>
    /// Rechecks the chain of published records and every published file against its fingerprint;
    /// a file missing or changed on disk is named.
    /// </summary>
    public async Task<ChainCheck> CheckAsync(CancellationToken ct)
    {
        var chain = await db.Publications.AsNoTracking().Include(p => p.Files).Where(p => p.RecordSha256 != null)
            .OrderBy(p => p.PublishedAt).ThenBy(p => p.Id).ToListAsync(ct);
        var broken = PublicationChain.FirstBroken(chain);
        var damaged = new List<string>();
        foreach (var publication in chain)
        {
            foreach (var file in publication.Files.OrderBy(f => f.FileName, StringComparer.Ordinal))
            {
                if (!await files.IsIntactAsync(publication.Id, file.FileName, file.Sha256, ct)) damaged.Add($"{publication.Id}/{file.FileName}");
            }
        }

        return new ChainCheck(chain.Count, broken is null && damaged.Count == 0, broken, chain.LastOrDefault()?.RecordSha256,
            chain.Sum(p => p.Files.Count), damaged);
    }

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
        if (await PublicationWorkflow.FindAsync(db, sha256, ct) is not { } found)
        {
            return new Verification(sha256, false, null, null, null, null);
        }

        var view = (await ViewsAsync([found.Publication], null, ct))[0];
        return new Verification(sha256, true, found.File.FileName, found.File.Format, found.Publication.Status == PublicationStatus.Published, view);
    }

    /// <summary>SHA-256 of a stream read to its end, or null past <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> HashAsync(Stream body, long limit, CancellationToken ct)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit) return null;
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
