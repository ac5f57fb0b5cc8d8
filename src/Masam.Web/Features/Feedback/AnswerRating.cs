using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>The citizen's one rating of the answer, set in a single conditional update so that two taps cannot both count.</summary>
public static class AnswerRating
{
    public enum Outcome
    {
        Rated,
        NotFound,
        NotAnswered,
        AlreadyRated,
    }

    public static async Task<Outcome> RateAsync(MasamDbContext db, string storedCode, int rating, DateTime nowUtc, CancellationToken ct)
    {
        var updated = await db.Feedback
            .Where(f => f.TrackingCode == storedCode && f.AnswerRating == null
                && (f.Status == FeedbackStatus.Answered || f.Status == FeedbackStatus.Closed))
            .ExecuteUpdateAsync(u => u
                .SetProperty(f => f.AnswerRating, rating)
                .SetProperty(f => f.RatedAt, nowUtc)
                .SetProperty(f => f.UpdatedAt, nowUtc), ct);
        if (updated == 1)
        {
            return Outcome.Rated;
        }

        var state = await db.Feedback.Where(f => f.TrackingCode == storedCode)
            .Select(f => new { f.AnswerRating }).FirstOrDefaultAsync(ct);
        return state is null ? Outcome.NotFound : state.AnswerRating is not null ? Outcome.AlreadyRated : Outcome.NotAnswered;
    }
}
