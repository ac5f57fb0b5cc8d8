using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Visits;

/// <summary>
/// Removes the numbers the survey no longer needs: a visit not drawn (or "do not contact", or a
/// phone that stopped), one answered or left unanswered, and any whose window has closed. Only the
/// keyed hash stays. Mongolia's Law on the Protection of Personal Data (2021): kept for its stated
/// purpose, no longer than needed.
/// </summary>
public sealed class VisitPhonePurge(MasamDbContext db, TimeProvider clock, ILogger<VisitPhonePurge> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var removed = await db.Set<ServiceVisit>()
            .Where(v => v.Phone != null && (v.PhoneKeptUntil < now
                || v.Survey == SurveyState.NotAsked || v.Survey == SurveyState.Answered || v.Survey == SurveyState.Unanswered))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Phone, (string?)null).SetProperty(v => v.PhoneKeptUntil, (DateTime?)null), ct);
        if (removed > 0)
        {
            logger.LogInformation("Removed the numbers of {Count} visits the survey no longer needs", removed);
        }

        return removed;
    }
}
