using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The published files on disk, checked against their manifests: a file is served, archived or
/// counted intact only while its SHA-256 is the one published. The check is remembered by the
/// file's size and modification time, so a file is hashed again only when it has changed on disk.
/// Also the archives of a period's files, built once for each set of current publications.
/// </summary>
public sealed class PublishedFiles(IOptions<PublicationOptions> options, IHostEnvironment environment, ILogger<PublishedFiles> logger)
{
    private readonly ConcurrentDictionary<string, (long Size, DateTime Modified, string Sha256)> _hashes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _archiving = new(1, 1);

    public string Root => Path.IsPathRooted(options.Value.PublishedPath) ? options.Value.PublishedPath : Path.Combine(environment.ContentRootPath, options.Value.PublishedPath);

    public string PathOf(int publicationId, string fileName) =>
        Path.Combine(Root, publicationId.ToString(System.Globalization.CultureInfo.InvariantCulture), fileName);

    /// <summary>Whether the file on disk is the one published; a missing or changed file is logged as an error.</summary>
    public async Task<bool> IsIntactAsync(int publicationId, string fileName, string sha256, CancellationToken ct)
    {
        var path = PathOf(publicationId, fileName);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            logger.LogError("Published file {Path} of publication {Id} is missing", path, publicationId);
            return false;
        }

        if (!_hashes.TryGetValue(path, out var known) || known.Size != info.Length || known.Modified != info.LastWriteTimeUtc)
        {
            await using var stream = File.OpenRead(path);
            known = (info.Length, info.LastWriteTimeUtc, Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, ct)));
            _hashes[path] = known;
        }

        if (known.Sha256 == sha256) return true;
        logger.LogError("Published file {Path} of publication {Id} has changed on disk: SHA-256 {Actual}, published {Published}", path, publicationId, known.Sha256, sha256);
        return false;
    }

    /// <summary>
    /// The archive of a period's current publications, built once per set of publications (its name
    /// carries a fingerprint of them) and kept beside them; null when a file fails its check.
    /// </summary>
    public async Task<string?> ArchiveAsync(string period, IReadOnlyList<Publication> publications, CancellationToken ct)
    {
        var files = publications.SelectMany(p => p.Files.OrderBy(f => f.FileName, StringComparer.Ordinal).Select(f => (Publication: p.Id, f.FileName, f.Sha256))).ToList();
        var fingerprint = PublicationChain.Sha256(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', files.Select(f => $"{f.Publication}/{f.FileName}/{f.Sha256}"))));
        var folder = Path.Combine(Root, "archives");
        var path = Path.Combine(folder, $"masam-{period.ToLowerInvariant()}-{fingerprint[..16]}.zip");
        if (File.Exists(path)) return path;

        await _archiving.WaitAsync(ct);
        try
        {
            if (File.Exists(path)) return path;
            foreach (var (publication, fileName, sha256) in files)
            {
                if (!await IsIntactAsync(publication, fileName, sha256, ct)) return null;
            }

            Directory.CreateDirectory(folder);
            var building = path + ".building";
            await using (var output = File.Create(building))
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
            {
                foreach (var (publication, fileName, _) in files)
                {
                    zip.CreateEntryFromFile(PathOf(publication, fileName), fileName, CompressionLevel.Optimal);
                }
            }

            File.Move(building, path, overwrite: true);
            return path;
        }
        finally
        {
            _archiving.Release();
        }
    }
}
