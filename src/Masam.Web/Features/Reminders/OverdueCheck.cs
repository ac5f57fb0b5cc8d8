using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Reminders;

/// <summary>
/// The daily overdue check: every feedback item past its answer deadline and not yet flagged is
/// flagged, and a reminder is queued for each active official whose unit covers it and each
/// manager of its provider. Idempotent: a flagged item is not flagged or reminded again until an
/// answer or an extension clears the flag.
/// </summary>
public sealed class OverdueCheck(MasamDbContext db, TimeProvider clock, ILogger<OverdueCheck> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var overdue = await db.Feedback
            .Where(AnswerDeadline.OverdueAt(now))
            .Where(f => f.OverdueFlaggedAt == null)
            .Select(f => new { f.Id, f.TrackingCode, f.ProviderId, ProviderName = f.Provider!.NameMn, f.Provider.AdminUnit!.Path, f.DueAt })
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var responders = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Email != null)
            .Select(u => new
            {
                u.Email,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                Units = u.Assignments.Where(a => a.AdminUnitId != null).Select(a => a.AdminUnit!.Path).ToList(),
                Providers = u.Assignments.Where(a => a.ProviderId != null).Select(a => a.ProviderId!.Value).ToList(),
            })
            .Where(u => u.Role == StaffRoles.LocalOfficial || u.Role == StaffRoles.ProviderManager)
            .AsSplitQuery()
            .ToListAsync(ct);

        foreach (var item in overdue)
        {
            var recipients = responders
                .Where(r => r.Units.Any(p => item.Path.StartsWith(p, StringComparison.Ordinal)) || r.Providers.Contains(item.ProviderId))
                .Select(r => r.Email!)
                .Distinct();
            foreach (var to in recipients)
            {
                db.Outbox.Add(new OutboxMessage
                {
                    Kind = "overdue-reminder",
                    To = to,
                    FeedbackId = item.Id,
                    CreatedAt = now,
                    Subject = $"Хугацаа хэтэрсэн санал хүсэлт / Overdue feedback #{item.Id}",
                    Body = string.Create(CultureInfo.InvariantCulture,
                        $"{item.ProviderName}: санал хүсэлт #{item.Id} ({TrackingCodes.Short(item.TrackingCode)}) хариу өгөх хугацаа {Infrastructure.MongolianTime.DateOf(item.DueAt):yyyy-MM-dd}-нд дууссан.\n" +
                        $"Feedback #{item.Id} for {item.ProviderName} was due for an answer on {Infrastructure.MongolianTime.DateOf(item.DueAt):yyyy-MM-dd}.\n/staff"),
                });
            }
        }

        var ids = overdue.Select(o => o.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Feedback.Where(f => ids.Contains(f.Id)).ExecuteUpdateAsync(u => u.SetProperty(f => f.OverdueFlaggedAt, now), ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Flagged {Count} overdue feedback items", overdue.Count);
        return overdue.Count;
    }
}
