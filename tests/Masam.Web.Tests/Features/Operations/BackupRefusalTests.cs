using Masam.Web.Data;
using Masam.Web.Features.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Operations;

/// <summary>
/// What a backup or a restore refuses, each with a message naming the problem and nothing
/// changed: a folder that is not empty, a backup with a file missing or altered or no manifest, a
/// database that already holds data (without --force), a wrong command line. And the schedule.
/// </summary>
public sealed class BackupRefusalTests : IClassFixture<BackupRefusalTests.Backup>, IDisposable
{
    /// <summary>One app and one good backup of it, which each test copies before it spoils the copy.</summary>
    public sealed class Backup : IAsyncLifetime
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero));
        public MasamAppFactory Live { get; private set; } = null!;
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "masam-tests", $"backup-{Guid.NewGuid():N}");
        public string Schedule { get; } = Path.Combine(Path.GetTempPath(), "masam-tests", $"schedule-{Guid.NewGuid():N}");

        public async Task InitializeAsync()
        {
            Live = new MasamAppFactory(("Masam:Backup:Folder", Schedule), ("Masam:Backup:Keep", "2"), ("Masam:Backup:AllowPlainKeys", "true"))
            {
                ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock),
            };
            await Live.AddProviderAsync("MN18101");
            await using var scope = Live.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BackupWriter>().CreateAsync(Folder, allowPlainKeys: true, CancellationToken.None);
        }

        public Task DisposeAsync()
        {
            Live.Dispose();
            foreach (var folder in new[] { Folder, Schedule }.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        }
    }

    private readonly Backup _backup;
    private readonly MasamAppFactory _target = MasamAppFactory.Empty();
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "masam-tests", $"copy-{Guid.NewGuid():N}");

    public BackupRefusalTests(Backup backup)
    {
        _backup = backup;
        Directory.CreateDirectory(_copy);
        foreach (var file in Directory.EnumerateFiles(backup.Folder, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(_copy, Path.GetRelativePath(backup.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    public void Dispose()
    {
        _target.Dispose();
        Directory.Delete(_copy, recursive: true);
    }

    private string Database => _target.IsPostgres ? DataLocations.PostgresInBackup : DataLocations.SqliteInBackup;

    private BackupRestore RestoreInto(MasamAppFactory app) =>
        new(DataLocations.From(app.Configuration(), app.Folder), Options.Create(new BackupOptions()), NullLogger<BackupRestore>.Instance);

    /// <summary>The target's database was not touched: no file, or (on PostgreSQL) no table.</summary>
    private async Task AssertTargetUntouchedAsync()
    {
        var locations = DataLocations.From(_target.Configuration(), _target.Folder);
        if (locations.IsPostgres)
        {
            await using var connection = new Npgsql.NpgsqlConnection(locations.PostgresConnection);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        else
        {
            Assert.False(File.Exists(locations.SqliteDatabase) && new FileInfo(locations.SqliteDatabase!).Length > 0);
        }

        Assert.False(Directory.Exists(locations.PublishedReports) && Directory.EnumerateFileSystemEntries(locations.PublishedReports).Any());
    }

    [Fact]
    public async Task ABackupIntoAFolderThatIsNotEmpty_IsRefused_AndTheFolderIsLeftAsItWas()
    {
        var folder = Path.Combine(_copy, "occupied");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "someone else's file");
        await using var scope = _backup.Live.Services.CreateAsyncScope();

        var refused = await Assert.ThrowsAsync<BackupException>(() => scope.ServiceProvider.GetRequiredService<BackupWriter>().CreateAsync(folder, allowPlainKeys: true, CancellationToken.None));

        Assert.Contains("is not empty", refused.Message);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ABackup_IsReadableByTheAppsAccountOnly()
    {
        const UnixFileMode folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.Equal(folder, File.GetUnixFileMode(_backup.Folder));
        Assert.All(Directory.EnumerateDirectories(_backup.Folder, "*", SearchOption.AllDirectories), d => Assert.Equal(folder, File.GetUnixFileMode(d)));
        var files = Directory.EnumerateFiles(_backup.Folder, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith(BackupManifest.FileName, StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal(file, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task WithTheKeysUnencrypted_ABackupIsRefused_UnlessAskedForAnyway()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var folder = Path.Combine(_copy, "plain-keys");

        Assert.Equal(1, await OperationsCommands.RunAsync(_backup.Live.Services, ["backup", "--to", folder], output, error));
        Assert.Contains("unencrypted", error.ToString());
        Assert.Contains("--allow-plain-keys", error.ToString());
        Assert.False(Directory.Exists(folder));

        // A flag before a setting would swallow it (.NET reads the next argument as the flag's value): refused.
        Assert.Equal(2, await OperationsCommands.RunAsync(_backup.Live.Services, ["backup", "--to", folder, "--allow-plain-keys", "--ConnectionStrings:Masam=Data Source=x.db"], output, error));
        Assert.Contains("--allow-plain-keys must come after every setting", error.ToString());
        Assert.False(Directory.Exists(folder));

        Assert.Equal(0, await OperationsCommands.RunAsync(_backup.Live.Services, ["backup", "--to", folder, "--allow-plain-keys"], output, error));
        Assert.True(File.Exists(Path.Combine(folder, BackupManifest.FileName)));
    }

    [Fact]
    public async Task ARestoreWhoseManifestNamesAPlaceOutsideTheTarget_IsRefused_AndWritesNothingThere()
    {
        // A file the manifest lists, with its true size and hash, under a name that climbs out of the report folder.
        var smuggled = Path.Combine(_copy, "pwned.txt");
        await File.WriteAllTextAsync(smuggled, "written above the target");
        var (manifest, _) = BackupManifest.Read(_copy);
        var entry = await BackupFile.OfAsync(_copy, smuggled, CancellationToken.None) with { Path = "reports/published/../../pwned.txt" };
        await (manifest! with { Files = [.. manifest.Files, entry] }).WriteAsync(_copy, CancellationToken.None);
        var locations = DataLocations.From(_target.Configuration(), _target.Folder);
        var above = Path.GetFullPath(Path.Combine(locations.PublishedReports, "..", "..", "pwned.txt"));

        var refused = await Assert.ThrowsAsync<BackupException>(() => RestoreInto(_target).RestoreAsync(_copy, force: true, CancellationToken.None));

        Assert.Contains("reports/published/../../pwned.txt: not a path inside the backup folder", refused.Message);
        Assert.False(File.Exists(above));
        await AssertTargetUntouchedAsync();
    }

    [Theory]
    [InlineData("reports/published/a.pdf", true)]
    [InlineData("database/masam.db", true)]
    [InlineData("reports/published/../../x", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("reports//x", false)]
    [InlineData("reports/./x", false)]
    [InlineData("reports\\..\\x", false)]
    [InlineData("", false)]
    public void OnlyPlainPaths_AreTakenFromAManifest(string path, bool plain) => Assert.Equal(plain, BackupFile.IsPlain(path));

    [Fact]
    public async Task ARestoreFromABackupWithAMissingFile_IsRefused_NamingTheFile()
    {
        File.Delete(Path.Combine(_copy, Database));

        var refused = await Assert.ThrowsAsync<BackupException>(() => RestoreInto(_target).RestoreAsync(_copy, force: false, CancellationToken.None));

        Assert.Contains($"{Database}: missing", refused.Message);
        Assert.Contains("nothing was restored", refused.Message);
        await AssertTargetUntouchedAsync();
    }

    [Fact]
    public async Task ARestoreFromABackupWithAnAlteredFile_IsRefused_NamingTheFile()
    {
        // The same size, one byte changed near the end: only the SHA-256 can tell.
        var path = Path.Combine(_copy, Database);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^100] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var refused = await Assert.ThrowsAsync<BackupException>(() => RestoreInto(_target).RestoreAsync(_copy, force: false, CancellationToken.None));

        Assert.Contains($"{Database}: its SHA-256 does not match", refused.Message);
        await AssertTargetUntouchedAsync();
    }

    [Fact]
    public async Task ARestoreFromAnUnfinishedBackup_WithoutItsManifest_IsRefused()
    {
        File.Delete(Path.Combine(_copy, BackupManifest.FileName));

        var refused = await Assert.ThrowsAsync<BackupException>(() => RestoreInto(_target).RestoreAsync(_copy, force: false, CancellationToken.None));

        Assert.Contains("not a finished Masam backup", refused.Message);
        await AssertTargetUntouchedAsync();
    }

    [Fact]
    public async Task ARestoreOverADatabaseThatHoldsData_IsRefusedWithoutForce_AndTheDataIsKept()
    {
        using var occupied = new MasamAppFactory();
        var provider = await occupied.AddProviderAsync("MN18101");
        await occupied.CreateClient().SendAsync(FeedbackRequests.Submit(new { providerId = provider, score = 2 }));
        await Eventually.WaitAsync(() => occupied.WithDbAsync(db => db.Feedback.AnyAsync()));
        var before = await occupied.WithDbAsync(db => db.Feedback.CountAsync());
        var restore = RestoreInto(occupied);

        var refused = await Assert.ThrowsAsync<BackupException>(() => restore.RestoreAsync(_copy, force: false, CancellationToken.None));

        Assert.Contains("Already holding data", refused.Message);
        Assert.Contains("--force", refused.Message);
        Assert.Equal(before, await occupied.WithDbAsync(db => db.Feedback.CountAsync()));
    }

    [Fact]
    public async Task ARestoreOverReportFoldersThatHoldFiles_NeedsForce_AndWithItPutsTheBackupsFilesInTheirPlace()
    {
        var locations = DataLocations.From(_target.Configuration(), _target.Folder);
        Directory.CreateDirectory(locations.PublishedReports);
        var stray = Path.Combine(locations.PublishedReports, "left-over.pdf");
        await File.WriteAllTextAsync(stray, "an older installation's file");

        var refused = await Assert.ThrowsAsync<BackupException>(() => RestoreInto(_target).RestoreAsync(_copy, force: false, CancellationToken.None));
        Assert.Contains(locations.PublishedReports, refused.Message);
        Assert.True(File.Exists(stray));

        var manifest = await RestoreInto(_target).RestoreAsync(_copy, force: true, CancellationToken.None);
        Assert.False(File.Exists(stray));
        Assert.Equal(manifest.Marks.LastFeedbackId, await _target.WithDbAsync(db => db.Feedback.Select(f => (long?)f.Id).MaxAsync()) ?? 0);
        Assert.True(await _target.WithDbAsync(db => db.Providers.AnyAsync()), "the backup's provider is there");
    }

    [Fact]
    public async Task TheCommands_SayHowToUseThem_AndRefuseWithTheReason()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(2, await OperationsCommands.RunAsync(_backup.Live.Services, ["backup"], output, error));
        Assert.Contains("Usage: backup --to DIR", error.ToString());
        Assert.Equal(2, await OperationsCommands.RunAsync(_backup.Live.Services, ["restore", "--force"], output, error));
        Assert.Contains("Usage: restore --from DIR", error.ToString());
        Assert.Equal(1, await OperationsCommands.RunAsync(_backup.Live.Services, ["backup", "--to", _copy], output, error));
        Assert.Contains($"{_copy} is not empty", error.ToString());

        var fresh = Path.Combine(_copy, "by-command");
        Assert.Equal(0, await OperationsCommands.RunAsync(_backup.Live.Services, ["backup", $"--to={fresh}", "--allow-plain-keys"], output, error));
        Assert.Contains($"Backup written to {fresh}", output.ToString());
        Assert.True(File.Exists(Path.Combine(fresh, BackupManifest.FileName)));
    }

    [Fact]
    public async Task TheScheduledBackup_WritesADatedFolder_KeepsTheNewest_AndRecordsItsResult()
    {
        for (var run = 0; run < 3; run++)
        {
            await using var scope = _backup.Live.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ScheduledBackup>().ExecuteAsync(CancellationToken.None);
            _backup.Clock.Advance(TimeSpan.FromDays(1));
        }

        // 2026-11-30 20:00 UTC is 2026-12-01 04:00 in Ulaanbaatar: folders are named in Mongolian time.
        Assert.Equal(["masam-20261202-040000", "masam-20261203-040000"],
            Directory.EnumerateDirectories(_backup.Schedule).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await using var check = _backup.Live.Services.CreateAsyncScope();
        var latest = await check.ServiceProvider.GetRequiredService<BackupHistory>().LatestAsync(CancellationToken.None);
        Assert.True(latest!.Value.Result.Succeeded);
        Assert.EndsWith("masam-20261203-040000", latest.Value.Result.Folder);
        Assert.True(latest.Value.Result.Bytes > 0);
    }
}
