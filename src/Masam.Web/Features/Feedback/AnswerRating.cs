using System.Security.Claims;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// The citizen's one rating of the answer, set in a single conditional update so that two taps
/// cannot both count, and audited. It comes from the citizen: never from a signed-in staff
/// session (staff see only the first group of a tracking code, and may not rate in the citizen's place).
/// </summary>
public sealed class AnswerRating(MasamDbContext db, AuditTrail audit, TimeProvider clock) : CitizenChange(db, audit)
{
    public enum Outcome
    {
        Rated,
        NotFound,
        NotAnswered,
        AlreadyRated,
        StaffSession,
    }

    public async Task<Outcome> RateAsync(string storedCode, int rating, ClaimsPrincipal? user, CancellationToken ct)
    {
        if (user?.Identity?.IsAuthenticated == true)
        {
            return Outcome.StaffSession;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rated = await ChangeOnceAsync(storedCode, items => items
            .Where(f => f.AnswerRating == null && (f.Status == FeedbackStatus.Answered || f.Status == FeedbackStatus.Closed))
            .ExecuteUpdateAsync(u => u
                .SetProperty(f => f.AnswerRating, rating)
                .SetProperty(f => f.RatedAt, now)
                .SetProperty(f => f.UpdatedAt, now), ct),
            "feedback.rating", null, new { Rating = rating }, ct);
        if (rated)
        {
            return Outcome.Rated;
        }

        var state = await Db.Feedback.Where(f => f.TrackingCode == storedCode)
            .Select(f => new { f.AnswerRating }).FirstOrDefaultAsync(ct);
        return state is null ? Outcome.NotFound : state.AnswerRating is not null ? Outcome.AlreadyRated : Outcome.NotAnswered;
    }
}
