using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Masam.Web.Features.Operations;

/// <summary>
/// Makes a consistent backup of a running installation into an empty folder: on SQLite, through
/// SQLite's online backup API (one read transaction: writers go on, the copy is one moment of the
/// database); on PostgreSQL, by <c>pg_dump</c> in a snapshot exported from the transaction that
/// reads the high-water marks, so the marks and the dump are the same moment. Then the job store,
/// the report folders, and last the manifest.
/// A backup holds phone numbers, password hashes and the keys that sign staff cookies: its folders
/// are made 0700 and its files 0600 (readable by the app's account only), and it is refused while
/// those keys are stored unencrypted, unless asked for anyway (<c>--allow-plain-keys</c>).
/// </summary>
public sealed class BackupWriter(DataLocations locations, IOptions<BackupOptions> options, TimeProvider clock, ILogger<BackupWriter> logger)
{
    /// <summary>Only the app's own account may enter a backup's folders...</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>...or read its files.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <param name="allowPlainKeys">Back up even though the data-protection keys are not encrypted (no certificate).</param>
    public async Task<BackupManifest> CreateAsync(string folder, bool allowPlainKeys, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new BackupException($"{folder} is not empty: a backup goes into a new or empty folder, so that it never mixes with another.");
        }

        var plainKeys = await PlainKeysAsync(ct);
        if (plainKeys > 0)
        {
            if (!allowPlainKeys)
            {
                throw new BackupException($"The database holds {plainKeys} data-protection key(s) unencrypted (made while Masam:DataProtection:CertificatePath " +
                    "was not set), so a backup would let whoever reads it forge staff sign-ins. Set the certificate (see the README), or back up anyway " +
                    "with --allow-plain-keys (Masam:Backup:AllowPlainKeys for the scheduled backup). Nothing was written.");
            }

            logger.LogWarning("Backing up into {Folder} with {Keys} data-protection key(s) unencrypted: keep this backup as secret as the server", folder, plainKeys);
        }

        var watch = Stopwatch.StartNew();
        var createdAt = clock.GetUtcNow().UtcDateTime;
        CreatePrivateFolder(folder);
        try
        {
            CreatePrivateFolder(Path.Combine(folder, "database"));
            var copied = new List<string>();
            BackupMarks marks;
            if (locations.IsPostgres)
            {
                var dump = Path.Combine(folder, DataLocations.PostgresInBackup);
                marks = await DumpPostgresAsync(dump, ct);
                copied.Add(dump);
            }
            else
            {
                var copy = Path.Combine(folder, DataLocations.SqliteInBackup);
                await CopySqliteAsync(locations.SqliteDatabase!, copy, ct);
                marks = await ReadMarksAsync(SqliteOn(copy), ct);
                copied.Add(copy);
            }

            if (locations.HangfireDatabase is { } jobs && File.Exists(jobs))
            {
                var copy = Path.Combine(folder, DataLocations.HangfireInBackup);
                await CopySqliteAsync(jobs, copy, ct);
                copied.Add(copy);
            }

            foreach (var (source, inBackup) in locations.ReportFolders)
            {
                copied.AddRange(CopyFolder(source, Path.Combine(folder, inBackup)));
            }

            var files = new List<BackupFile>(copied.Count);
            foreach (var path in copied)
            {
                MakePrivate(path);
                files.Add(await BackupFile.OfAsync(folder, path, ct));
            }

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, createdAt, locations.IsPostgres ? "Postgres" : "Sqlite",
                ApplicationVersion, marks, files);
            await manifest.WriteAsync(folder, ct);
            MakePrivate(Path.Combine(folder, BackupManifest.FileName));
            logger.LogInformation("Backup written to {Folder}: {Files} files, {Bytes} bytes, last feedback {Feedback}, in {Seconds:0.0} s",
                folder, files.Count, manifest.Bytes, marks.LastFeedbackId, watch.Elapsed.TotalSeconds);
            return manifest;
        }
        catch
        {
            // An unfinished backup has no manifest and is never mistaken for one; what was copied goes.
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Makes the folder (and any missing parent) and leaves it 0700, also when it was there already and empty.</summary>
    internal static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder); // Windows: the parent folder's access list applies
            return;
        }

        Directory.CreateDirectory(folder, FolderMode);
        File.SetUnixFileMode(folder, FolderMode);
    }

    private static void MakePrivate(string file)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, FileMode);
    }

    public static string ApplicationVersion =>
        typeof(BackupWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static SqliteConnection SqliteOn(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);

    /// <summary>SQLite's online backup: a page-by-page copy inside one read transaction of the source.</summary>
    internal static async Task CopySqliteAsync(string source, string destination, CancellationToken ct)
    {
        await using (var from = SqliteOn(source))
        await using (var to = SqliteOn(destination))
        {
            await from.OpenAsync(ct);
            await to.OpenAsync(ct);
            from.BackupDatabase(to);
            // The copy stands alone: its pages in the file itself, no write-ahead log beside it.
            await using var command = to.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE";
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task<BackupMarks> DumpPostgresAsync(string dump, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(locations.PostgresConnection) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
        var snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        var marks = await ReadMarksAsync(connection, ct, transaction);
        await PostgresTools.RunAsync(options.Value.PgDump,
            ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", $"--file={dump}"], locations.PostgresConnection!, ct);
        await transaction.CommitAsync(ct);
        return marks;
    }

    /// <summary>Data-protection keys stored in clear: their XML holds the master key itself instead of a certificate-encrypted secret.</summary>
    private async Task<long> PlainKeysAsync(CancellationToken ct)
    {
        await using DbConnection connection = locations.IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(locations.PostgresConnection) { Pooling = false }.ConnectionString)
            : SqliteOn(locations.SqliteDatabase!);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"DataProtectionKeys\" WHERE \"Xml\" LIKE '%<masterKey%'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<BackupMarks> ReadMarksAsync(DbConnection connection, CancellationToken ct, DbTransaction? transaction = null)
    {
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }

        async Task<long> Last(string table, string column)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COALESCE(MAX(\"{column}\"), 0) FROM \"{table}\"";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            return new BackupMarks(await Last("Feedback", "Id"), await Last("AuditEntries", "Sequence"), await Last("Publications", "Id"));
        }
        finally
        {
            if (transaction is null)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>Copies every file under <paramref name="source"/> (none when it does not exist); the copies' paths.</summary>
    private static List<string> CopyFolder(string source, string destination)
    {
        var copies = new List<string>();
        if (!Directory.Exists(source))
        {
            return copies;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var copy = Path.Combine(destination, Path.GetRelativePath(source, file));
            CreatePrivateFolder(Path.GetDirectoryName(copy)!);
            try
            {
                File.Copy(file, copy);
                copies.Add(copy);
            }
            catch (FileNotFoundException)
            {
                // A draft replaced while the folder was read: the next draft run makes it again.
            }
        }

        return copies;
    }
}
