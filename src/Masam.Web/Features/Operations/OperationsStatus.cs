using Hangfire;
using Masam.Web.Data;
using Masam.Web.Features.Publications;
using Masam.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Operations;

/// <summary>
/// What Admin's operations page shows: each item's reading and whether it has crossed its
/// threshold (<see cref="HealthThresholds"/>). Read fresh on each visit; every query is over a
/// small table or an index.
/// </summary>
public sealed class OperationsStatus(
    MasamDbContext db, JobStorage jobs, BackupHistory backups, PublicationIntegrityCheck integrity, DataLocations locations,
    IOptions<HealthThresholds> thresholds, TimeProvider clock)
{
    public async Task<OperationsReport> ReadAsync(CancellationToken ct)
    {
        var limits = thresholds.Value;
        var now = clock.GetUtcNow().UtcDateTime;

        var run = await db.AggregationRuns.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new { r.Kind, r.StartedAt, r.FinishedAt }).FirstOrDefaultAsync(ct);
        var aggregation = run is null
            ? new AggregationReading(null, null, null, Alert: true)
            : new AggregationReading(run.Kind, run.FinishedAt, run.FinishedAt - run.StartedAt, now - run.FinishedAt > TimeSpan.FromMinutes(limits.AggregationMaxAgeMinutes));

        var statistics = jobs.GetMonitoringApi().GetStatistics();
        var retrying = statistics.Retries ?? 0;
        var jobReading = new JobsReading(statistics.Failed, retrying, statistics.Failed >= limits.FailedJobs, retrying >= limits.RetryingJobs);

        var lastBackup = await backups.LatestAsync(ct);
        var backup = new BackupReading(lastBackup?.At, lastBackup?.Result,
            Alert: lastBackup is not { Result.Succeeded: true } || now - lastBackup.Value.At > TimeSpan.FromHours(limits.BackupMaxAgeHours));

        var check = await integrity.LatestAsync(ct);
        var integrityReading = new IntegrityReading(check?.CheckedAt, check?.Result.Intact, check?.Result.Files ?? 0,
            Alert: check is not null && (!check.Result.Intact || now - check.CheckedAt > TimeSpan.FromHours(limits.IntegrityMaxAgeHours)));

        var queued = db.Outbox.AsNoTracking().Where(m => m.State == OutboxState.Queued);
        var backlog = await queued.CountAsync(ct);
        var oldest = backlog == 0 ? (DateTime?)null : await queued.MinAsync(m => m.CreatedAt, ct);
        var outbox = new OutboxReading(backlog, oldest,
            Alert: backlog >= limits.OutboxBacklog || (oldest is { } o && now - o > TimeSpan.FromMinutes(limits.OutboxMaxAgeMinutes)));

        var databaseBytes = await DatabaseBytesAsync(ct);
        var reportBytes = locations.ReportFolders.Sum(r => FolderBytes(r.Source));
        var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(locations.SqliteDatabase ?? locations.PublishedReports))!);
        var freePercent = drive.TotalSize == 0 ? 0 : 100.0 * drive.AvailableFreeSpace / drive.TotalSize;
        var storage = new StorageReading(databaseBytes, reportBytes, drive.AvailableFreeSpace, drive.TotalSize, freePercent, Alert: freePercent < limits.FreeDiskMinPercent);

        return new OperationsReport(now, aggregation, jobReading, backup, integrityReading, outbox, storage);
    }

    private async Task<long> DatabaseBytesAsync(CancellationToken ct)
    {
        if (locations.IsPostgres)
        {
            return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
        }

        return new[] { "", "-wal" }.Select(suffix => new FileInfo(locations.SqliteDatabase + suffix)).Where(f => f.Exists).Sum(f => f.Length)
            + (locations.HangfireDatabase is { } jobsFile && File.Exists(jobsFile) ? new FileInfo(jobsFile).Length : 0);
    }

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
}

public sealed record OperationsReport(
    DateTime ReadAt, AggregationReading Aggregation, JobsReading Jobs, BackupReading Backup, IntegrityReading Integrity, OutboxReading Outbox, StorageReading Storage);

public sealed record AggregationReading(string? Kind, DateTime? FinishedAt, TimeSpan? Duration, bool Alert);

public sealed record JobsReading(long Failed, long Retrying, bool FailedAlert, bool RetryingAlert);

public sealed record BackupReading(DateTime? At, BackupResult? Result, bool Alert);

public sealed record IntegrityReading(DateTime? CheckedAt, bool? Intact, int Files, bool Alert);

public sealed record OutboxReading(int Backlog, DateTime? Oldest, bool Alert);

public sealed record StorageReading(long DatabaseBytes, long ReportBytes, long FreeBytes, long DiskBytes, double FreePercent, bool Alert);
