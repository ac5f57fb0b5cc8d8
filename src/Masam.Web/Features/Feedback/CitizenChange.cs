using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// Something a citizen may do to their feedback once (rate the answer, reopen it): a single
/// conditional update, so that two taps cannot both count, audited as "citizen" in its transaction.
/// </summary>
public abstract class CitizenChange(MasamDbContext db, AuditTrail audit)
{
    protected MasamDbContext Db => db;

    /// <summary>
    /// Runs <paramref name="update"/> on the item with this code; when it changed the item, audits
    /// the change and commits. False when the update's conditions left the item as it was.
    /// </summary>
    protected async Task<bool> ChangeOnceAsync(string storedCode, Func<IQueryable<FeedbackItem>, Task<int>> update,
        string action, object? before, object after, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await update(db.Feedback.Where(f => f.TrackingCode == storedCode)) != 1)
        {
            return false;
        }

        var id = await db.Feedback.Where(f => f.TrackingCode == storedCode).Select(f => f.Id).SingleAsync(ct);
        audit.RecordAs("citizen", "citizen", action, "FeedbackItem", id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, after);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
