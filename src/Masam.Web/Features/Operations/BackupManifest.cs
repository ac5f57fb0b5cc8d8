using System.Security.Cryptography;
using System.Text.Json;

namespace Masam.Web.Features.Operations;

/// <summary>
/// <c>manifest.json</c>, written last into a backup folder: what the backup holds (each file's
/// size and SHA-256, by its path inside the folder) and the database's high-water marks at the
/// moment it was copied. A folder without it is an unfinished backup.
/// </summary>
public sealed record BackupManifest(
    int Format, DateTime CreatedAt, string Provider, string Application, BackupMarks Marks, IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public long Bytes => Files.Sum(f => f.Bytes);

    public async Task WriteAsync(string folder, CancellationToken ct)
    {
        // Written beside, then renamed: a manifest is there whole or not at all.
        var path = Path.Combine(folder, FileName);
        await File.WriteAllBytesAsync(path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(this, Json), ct);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The manifest of <paramref name="folder"/>, or why it cannot be read.</summary>
    public static (BackupManifest? Manifest, string? Problem) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return (null, $"{path} is missing: this is not a finished Masam backup.");
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(path), Json);
            return manifest is { Format: CurrentFormat, Files: not null, Marks: not null }
                ? (manifest, null)
                : (null, $"{path} is not a Masam backup manifest of format {CurrentFormat}.");
        }
        catch (JsonException e)
        {
            return (null, $"{path} cannot be read: {e.Message}");
        }
    }

    /// <summary>Every file against its size and SHA-256: the problems found, none when the backup is whole.</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(string folder, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var file in Files)
        {
            var path = BackupFile.Resolve(folder, file.Path);
            if (path is null || !BackupFile.IsPlain(file.Path))
            {
                problems.Add($"{file.Path}: not a path inside the backup folder.");
            }
            else if (!File.Exists(path))
            {
                problems.Add($"{file.Path}: missing.");
            }
            else if (new FileInfo(path).Length != file.Bytes)
            {
                problems.Add($"{file.Path}: {new FileInfo(path).Length} bytes, the manifest says {file.Bytes}.");
            }
            else if (await BackupFile.Sha256Async(path, ct) != file.Sha256)
            {
                problems.Add($"{file.Path}: its SHA-256 does not match the manifest (the file was changed or damaged).");
            }
        }

        return problems;
    }
}

/// <summary>The last row of each record that matters at the moment of the copy.</summary>
public sealed record BackupMarks(long LastFeedbackId, long LastAuditSequence, long LastPublicationId);

/// <summary>One file of a backup: its path inside the folder (with '/'), size and SHA-256 (hex).</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256)
{
    public static async Task<BackupFile> OfAsync(string folder, string path, CancellationToken ct) =>
        new(System.IO.Path.GetRelativePath(folder, path).Replace('\\', '/'), new FileInfo(path).Length, await Sha256Async(path, ct));

    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>
    /// A path as a backup writes them: segments joined by '/', none empty, <c>.</c> or <c>..</c>, no
    /// backslash, not rooted. Anything else in a manifest was not written by Masam and is refused,
    /// so that no entry can name a place outside the folder it is restored into.
    /// </summary>
    public static bool IsPlain(string path) =>
        path.Length > 0 && !path.Contains('\\') && !System.IO.Path.IsPathRooted(path) && path.Split('/').All(s => s is not ("" or "." or ".."));

    /// <summary>The full path of <paramref name="relative"/> inside <paramref name="folder"/>, or null when it would lead outside it.</summary>
    public static string? Resolve(string folder, string relative)
    {
        var root = System.IO.Path.GetFullPath(folder);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relative));
        return full.StartsWith(root.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
