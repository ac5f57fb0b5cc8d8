using System.Security.Claims;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// The citizen's one "this did not solve it": an answered item goes back to the official, in
/// progress, with the citizen's reason, and its answer deadline starts again as for a new petition
/// (30 days from now, on the same rules). Once only, set in a single conditional update, audited as
/// the citizen; never from a staff session.
/// </summary>
public sealed class CitizenReopening(MasamDbContext db, AuditTrail audit, HolidayCalendar holidays, TimeProvider clock) : CitizenChange(db, audit)
{
    public enum Outcome
    {
        Reopened,
        NotFound,
        NotAnswered,
        AlreadyReopened,
        StaffSession,
    }

    public async Task<Outcome> ReopenAsync(string storedCode, string reason, ClaimsPrincipal? user, CancellationToken ct)
    {
        if (user?.Identity?.IsAuthenticated == true)
        {
            return Outcome.StaffSession;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = (await holidays.CurrentAsync(ct)).DueFor(now);
        var reopened = await ChangeOnceAsync(storedCode, items => items
            .Where(f => f.ReopenedAt == null && f.Status == FeedbackStatus.Answered)
            .ExecuteUpdateAsync(u => u
                .SetProperty(f => f.Status, FeedbackStatus.InProgress)
                .SetProperty(f => f.ReopenedAt, now)
                .SetProperty(f => f.ReopenReason, reason)
                .SetProperty(f => f.DueAt, due)
                .SetProperty(f => f.OverdueFlaggedAt, (DateTime?)null)
                .SetProperty(f => f.UpdatedAt, now)
                .SetProperty(f => f.Version, f => f.Version + 1), ct),
            "feedback.reopen", new { Status = "answered" }, new { Status = "in-progress", Reason = reason, DueAt = due }, ct);
        if (reopened)
        {
            return Outcome.Reopened;
        }

        var state = await Db.Feedback.Where(f => f.TrackingCode == storedCode).Select(f => new { f.ReopenedAt }).FirstOrDefaultAsync(ct);
        return state is null ? Outcome.NotFound : state.ReopenedAt is not null ? Outcome.AlreadyReopened : Outcome.NotAnswered;
    }
}
