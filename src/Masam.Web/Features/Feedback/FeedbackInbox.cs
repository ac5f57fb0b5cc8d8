using System.Linq.Expressions;
using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Feedback;

/// <summary>What an inbox is filtered by; every field optional.</summary>
public sealed record InboxFilter(
    int? Provider = null, string? ServiceLine = null, string? Status = null, int? Score = null,
    DateOnly? From = null, DateOnly? To = null, bool? Overdue = null, string? Sort = null, int? Page = null, int? PageSize = null);

/// <summary>
/// The staff inbox, for the API and the pages alike: feedback within the account's scope, filtered
/// and sorted inside the query, with the count of each status under the same filters.
/// </summary>
public sealed class FeedbackInbox(MasamDbContext db, CurrentStaff staff, TimeProvider clock, IStringLocalizer text)
{
    public static readonly IReadOnlyDictionary<string, Func<IQueryable<FeedbackItem>, IQueryable<FeedbackItem>>> Sorts =
        new Dictionary<string, Func<IQueryable<FeedbackItem>, IQueryable<FeedbackItem>>>
        {
            ["-received"] = q => q.OrderByDescending(f => f.ReceivedAt).ThenByDescending(f => f.Id),
            ["received"] = q => q.OrderBy(f => f.ReceivedAt).ThenBy(f => f.Id),
            ["due"] = q => q.OrderBy(f => f.DueAt).ThenBy(f => f.Id),
            ["-due"] = q => q.OrderByDescending(f => f.DueAt).ThenByDescending(f => f.Id),
            ["score"] = q => q.OrderBy(f => f.Score).ThenByDescending(f => f.ReceivedAt),
            ["-score"] = q => q.OrderByDescending(f => f.Score).ThenByDescending(f => f.ReceivedAt),
        };

    public async Task<(StaffInbox? Inbox, FieldErrors Errors)> QueryAsync(InboxFilter filter, CancellationToken ct)
    {
        var errors = new FieldErrors();
        FeedbackStatus? wanted = null;
        if (!string.IsNullOrEmpty(filter.Status))
        {
            if (WireEnum<FeedbackStatus>.TryParse(filter.Status, out var s)) wanted = s;
            else errors.Add("status", text["error.enum.unknown", filter.Status, string.Join(", ", WireEnum<FeedbackStatus>.All)]);
        }

        if (filter.Score is not null and not (>= 1 and <= 5)) errors.Add("score", text["error.score.range", filter.Score]);
        if (filter.Sort is not null && !Sorts.ContainsKey(filter.Sort)) errors.Add("sort", text["error.enum.unknown", filter.Sort, string.Join(", ", Sorts.Keys)]);
        if (Paging.Check(filter.Page, filter.PageSize) is { } pagingField) errors.Add(pagingField, Paging.Message(text));
        if (errors.Any)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var items = InScope();
        if (filter.Provider is { } provider) items = items.Where(f => f.ProviderId == provider);
        if (!string.IsNullOrEmpty(filter.ServiceLine)) items = items.Where(f => f.ServiceLineCode == filter.ServiceLine);
        if (filter.Score is { } score) items = items.Where(f => f.Score == score);
        if (filter.From is { } from)
        {
            var start = MongolianTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            items = items.Where(f => f.ReceivedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = MongolianTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            items = items.Where(f => f.ReceivedAt < end);
        }

        if (filter.Overdue is { } overdue) items = items.Where(AnswerDeadline.OverdueAt(now, overdue));

        // Counts per status for the same filters, whatever status is being shown.
        var counts = await items.GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        if (wanted is not null) items = items.Where(f => f.Status == wanted);

        var page = await Sorts[filter.Sort ?? "-received"](items).Select(Row(now)).ToPageAsync(filter.Page, filter.PageSize, ct);
        var byStatus = Enum.GetValues<FeedbackStatus>().ToDictionary(
            WireEnum<FeedbackStatus>.Name, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
        return (new StaffInbox(page.Items, page.Total, page.Page, page.PageSize, byStatus), errors);
    }

    public Task<StaffFeedbackDetail?> FindAsync(long id, CancellationToken ct)
    {
        // Whoever must answer sees the contact details; analysts, facilitators and admins do not.
        var seesContact = staff.Role is StaffRoles.LocalOfficial or StaffRoles.ProviderManager;
        var now = clock.GetUtcNow().UtcDateTime;
        return InScope().Where(f => f.Id == id)
            .Select(f => new StaffFeedbackDetail(
                new StaffFeedbackItem(f.Id, f.TrackingCode.Substring(0, 4) + "-…", f.ProviderId, f.Provider!.NameMn, f.Provider.AdminUnit!.Code,
                    f.ServiceLineCode, f.Score, f.Comment, f.Channel, f.Status, f.ReceivedAt, f.DueAt, f.Version, f.IsDemo, now),
                f.Gender, f.AgeBand, f.HasDisability, f.HerderHousehold,
                f.ExtensionReason, f.RejectionReason, f.DuplicateOfId, f.AnswerRating,
                seesContact && f.Contact != null ? new FeedbackContactDetails { Name = f.Contact.Name, Phone = f.Contact.Phone, Email = f.Contact.Email, Notify = f.Contact.Notify } : null,
                f.Responses.OrderBy(r => r.CreatedAt).Select(r => new StaffResponse(r.Body, r.IsPublic, r.CreatedAt)).ToList(),
                f.ReopenedAt, f.ReopenReason))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
    }

    private IQueryable<FeedbackItem> InScope() =>
        db.Feedback.AsNoTracking().Where(staff.Scope.Feedback());

    private static Expression<Func<FeedbackItem, StaffFeedbackItem>> Row(DateTime now) => f =>
        new StaffFeedbackItem(f.Id, f.TrackingCode.Substring(0, 4) + "-…", f.ProviderId, f.Provider!.NameMn, f.Provider.AdminUnit!.Code,
            f.ServiceLineCode, f.Score, f.Comment, f.Channel, f.Status, f.ReceivedAt, f.DueAt, f.Version, f.IsDemo, now);
}
