using System.Diagnostics;
using System.Globalization;
using Masam.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Operations;

/// <summary>
/// The scheduled backup (when <c>Masam:Backup:Folder</c> is set): one folder a run, named by its
/// Mongolian date and time, the oldest deleted beyond <c>Keep</c> once a run has succeeded. Its
/// result is recorded for Admin; a failure is logged as an error and fails the job (so it shows
/// on the jobs dashboard and in <c>masam_jobs_failures_total</c>).
/// </summary>
public sealed class ScheduledBackup(
    BackupWriter writer, BackupHistory history, IOptions<BackupOptions> options, IHostEnvironment environment, TimeProvider clock,
    MasamMetrics metrics, ILogger<ScheduledBackup> logger)
{
    public const string Prefix = "masam-";

    public async Task ExecuteAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Folder))
        {
            return;
        }

        var root = Path.GetFullPath(Path.IsPathRooted(options.Value.Folder) ? options.Value.Folder : Path.Combine(environment.ContentRootPath, options.Value.Folder));
        var folder = Path.Combine(root, Prefix + MongolianTime.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var watch = Stopwatch.StartNew();
        BackupManifest manifest;
        try
        {
            manifest = await writer.CreateAsync(folder, options.Value.AllowPlainKeys, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The scheduled backup into {Folder} failed", folder);
            metrics.Backup(false);
            await history.RecordAsync(BackupResult.Failed(folder, e, watch.Elapsed), CancellationToken.None);
            throw;
        }

        metrics.Backup(true);
        await history.RecordAsync(BackupResult.Of(folder, manifest, watch.Elapsed), CancellationToken.None);
        Prune(root);
    }

    /// <summary>Deletes the oldest finished backups beyond the number to keep; folders of other names are left alone.</summary>
    private void Prune(string root)
    {
        var finished = Directory.EnumerateDirectories(root, Prefix + "*")
            .Where(d => File.Exists(Path.Combine(d, BackupManifest.FileName)))
            .Order(StringComparer.Ordinal).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - options.Value.Keep)))
        {
            Directory.Delete(old, recursive: true);
            logger.LogInformation("Deleted the old backup {Folder}", old);
        }
    }
}
