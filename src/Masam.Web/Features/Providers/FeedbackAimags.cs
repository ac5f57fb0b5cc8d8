using Hangfire;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Providers;

/// <summary>
/// Keeps the aimag stored on feedback right when a provider moves: at once, in the move's
/// transaction, and once more after every node's <see cref="ProviderDirectory"/> has seen the move,
/// for what a node still writing with the old aimag stored in between. Moves are rare, so both passes
/// run on any change of the provider's admin unit.
/// </summary>
public sealed class FeedbackAimags(MasamDbContext db, IBackgroundJobClient jobs)
{
    public async Task<int> MovedAsync(int providerId, CancellationToken ct)
    {
        var changed = await CorrectAsync(providerId, ct);
        jobs.Schedule<FeedbackAimags>(a => a.CorrectAsync(providerId, CancellationToken.None), ProviderDirectory.MaxAge * 4);
        return changed;
    }

    /// <summary>Sets every feedback row of the provider that names another aimag to the provider's; returns how many.</summary>
    public async Task<int> CorrectAsync(int providerId, CancellationToken ct)
    {
        var aimag = await db.Providers.Where(p => p.Id == providerId).Select(ProviderDirectory.AimagCode).FirstAsync(ct);
        return await db.Feedback.Where(f => f.ProviderId == providerId && f.AimagCode != aimag)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AimagCode, aimag), ct);
    }
}
