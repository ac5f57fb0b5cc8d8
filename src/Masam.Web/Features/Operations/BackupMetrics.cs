using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Operations;

/// <summary>
/// Gives the metrics the latest backup's time and outcome (<c>masam_backup_last_time_seconds</c>),
/// read from the audit log, where the schedule and the <c>backup</c> command (another process) both
/// record theirs; read at most once a minute, however often the metrics are scraped.
/// </summary>
public sealed class BackupMetrics(MasamMetrics metrics, IServiceScopeFactory scopes, TimeProvider clock, ILogger<BackupMetrics> logger) : IHostedService
{
    private (DateTime ReadAt, (DateTime At, bool Succeeded)? Latest) _cached = (DateTime.MinValue, null);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ReadLastBackupFrom(Latest);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private (DateTime At, bool Succeeded)? Latest()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _cached.ReadAt < TimeSpan.FromMinutes(1)) return _cached.Latest;
        try
        {
            using var scope = scopes.CreateScope();
            var latest = scope.ServiceProvider.GetRequiredService<BackupHistory>().LatestAsync(CancellationToken.None).GetAwaiter().GetResult();
            _cached = (now, latest is { } l ? (l.At, l.Result.Succeeded) : null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A scrape must not fail for it: the series is left out until the next read works.
            logger.LogWarning(e, "Reading the latest backup for the metrics failed");
            _cached = (now, null);
        }

        return _cached.Latest;
    }
}
