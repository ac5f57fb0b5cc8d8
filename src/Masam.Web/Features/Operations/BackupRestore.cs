using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Operations;

/// <summary>
/// Puts a backup back in this installation's places. Everything is checked before anything is
/// changed: the manifest, every file's size and SHA-256, the database kind, and that the database
/// and report folders are empty (or <c>--force</c> to replace them). The app must be stopped.
/// </summary>
public sealed class BackupRestore(DataLocations locations, IOptions<BackupOptions> options, ILogger<BackupRestore> logger)
{
    public async Task<BackupManifest> RestoreAsync(string folder, bool force, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
        {
            throw new BackupException($"{folder} does not exist.");
        }

        var (manifest, problem) = BackupManifest.Read(folder);
        if (manifest is null)
        {
            throw new BackupException(problem!);
        }

        var damaged = await manifest.VerifyAsync(folder, ct);
        if (damaged.Count > 0)
        {
            throw new BackupException($"The backup in {folder} is damaged; nothing was restored:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", damaged)}");
        }

        var provider = locations.IsPostgres ? "Postgres" : "Sqlite";
        if (manifest.Provider != provider)
        {
            throw new BackupException($"The backup is of a {manifest.Provider} database and this installation runs on {provider}; nothing was restored.");
        }

        var database = locations.IsPostgres ? DataLocations.PostgresInBackup : DataLocations.SqliteInBackup;
        if (!manifest.Files.Any(f => f.Path == database))
        {
            throw new BackupException($"The manifest lists no {database}; nothing was restored.");
        }

        if (!force)
        {
            var occupied = new List<string>();
            if (await DatabaseHoldsDataAsync(ct))
            {
                occupied.Add(locations.IsPostgres ? "the PostgreSQL database of ConnectionStrings:Masam" : locations.SqliteDatabase!);
            }

            occupied.AddRange(locations.ReportFolders.Select(r => r.Source).Where(NotEmpty));
            if (occupied.Count > 0)
            {
                throw new BackupException($"Already holding data: {string.Join(", ", occupied)}. Nothing was restored; run again with --force to replace it.");
            }
        }

        if (locations.IsPostgres)
        {
            await PostgresTools.RunAsync(options.Value.PgRestore,
                ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                 $"--dbname={new Npgsql.NpgsqlConnectionStringBuilder(locations.PostgresConnection).Database}", Path.Combine(folder, database)],
                locations.PostgresConnection!, ct);
        }
        else
        {
            ReplaceSqlite(Path.Combine(folder, database), locations.SqliteDatabase!);
        }

        if (locations.HangfireDatabase is { } jobs && manifest.Files.Any(f => f.Path == DataLocations.HangfireInBackup))
        {
            ReplaceSqlite(Path.Combine(folder, DataLocations.HangfireInBackup), jobs);
        }

        foreach (var (target, inBackup) in locations.ReportFolders)
        {
            ReplaceFolder(folder, manifest.Files.Where(f => f.Path.StartsWith(inBackup + "/", StringComparison.Ordinal)), inBackup, target);
        }

        logger.LogInformation("Restored the backup of {CreatedAt:o} from {Folder}: last feedback {Feedback}, last audit entry {Audit}",
            manifest.CreatedAt, folder, manifest.Marks.LastFeedbackId, manifest.Marks.LastAuditSequence);
        return manifest;
    }

    private async Task<bool> DatabaseHoldsDataAsync(CancellationToken ct)
    {
        if (locations.IsPostgres)
        {
            return await PostgresTools.HoldsDataAsync(locations.PostgresConnection!, ct);
        }

        var path = locations.SqliteDatabase!;
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return false;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        return (long)(await command.ExecuteScalarAsync(ct))! > 0;
    }

    private static bool NotEmpty(string folder) => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any();

    /// <summary>The copy goes in beside the target and is renamed over it; the old write-ahead log and index go first.</summary>
    private static void ReplaceSqlite(string backup, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var incoming = target + ".restoring";
        File.Copy(backup, incoming, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(target + suffix);
        }

        File.Move(incoming, target, overwrite: true);
    }

    /// <summary>The folder's files as the manifest lists them (and nothing else found beside them).</summary>
    private static void ReplaceFolder(string backup, IEnumerable<BackupFile> files, string inBackup, string target)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        foreach (var file in files)
        {
            // Checked before anything changed (VerifyAsync); confined again here, where it is written.
            var copy = BackupFile.Resolve(target, file.Path[(inBackup.Length + 1)..])
                ?? throw new BackupException($"{file.Path}: not a path inside {target}; nothing more was restored.");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(BackupFile.Resolve(backup, file.Path)!, copy);
        }
    }
}
