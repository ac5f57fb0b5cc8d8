using Hangfire;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Publications;

/// <summary>
/// Starts again every draft whose generation has stopped: queued or generating, with no sign of
/// life for longer than <see cref="PublicationOptions.GenerationLease"/> (its node stopped or was
/// killed mid-generation, or its job was lost with an in-memory job store). It looks at start and
/// every half lease, on every node; the generator's claim lets one run at a time do the work.
/// </summary>
public sealed class PublicationRecovery(IServiceScopeFactory scopes, IOptions<PublicationOptions> options, TimeProvider clock, ILogger<PublicationRecovery> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GenerationLease / 2, clock);
        do
        {
            try
            {
                await RequeueStalledAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may not be there yet at start, or be away a moment: the next look tries again.
                logger.LogWarning(e, "Looking for stalled publications failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues a generation for each stalled draft; the ids queued.</summary>
    public async Task<IReadOnlyList<int>> RequeueStalledAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        var lapsed = clock.GetUtcNow().UtcDateTime - options.Value.GenerationLease;
        var stalled = await db.Publications.AsNoTracking()
            .Where(p => (p.Status == PublicationStatus.Queued || p.Status == PublicationStatus.Generating) && p.UpdatedAt < lapsed)
            .Select(p => p.Id).ToListAsync(ct);
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        foreach (var id in stalled)
        {
            logger.LogWarning("Publication {Id} stopped generating: starting it again", id);
            jobs.Enqueue<PublicationGenerator>(g => g.GenerateAsync(id, CancellationToken.None));
        }

        return stalled;
    }
}
