using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// Forgets <c>Idempotency-Key</c>s older than the retention (7 days by default): a phone retries a
/// submission within minutes or, offline, days; after that the record only grows the table. The
/// feedback itself is untouched. Runs daily as a recurring job.
/// </summary>
public sealed class IdempotencyPurge(MasamDbContext db, TimeProvider clock, IOptions<FeedbackOptions> options, ILogger<IdempotencyPurge> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.IdempotencyRetentionDays);
        var purged = await db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
        logger.LogInformation("Forgot {Count} idempotency keys from before {Before:o}", purged, before);
        return purged;
    }
}
