using Masam.Reporting;
using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// What anyone holding a tracking code may see: the provider, the date, the status and the public
/// answers. Never the comment, the score, demographics, contact details or internal notes; phone
/// and civil register numbers in what staff wrote are masked (<see cref="PublicText"/>).
/// </summary>
public sealed record PublicFeedbackView(
    string TrackingCode,
    PublicProviderRef Provider,
    string? ServiceLine,
    DateOnly ReceivedOn,
    FeedbackStatus Status,
    DateOnly DueOn,
    bool Overdue,
    string? ExtensionReason,
    IReadOnlyList<PublicAnswer> Answers,
    int? AnswerRating,
    IReadOnlyList<PublicActionView> Actions,
    DateOnly? ReopenedOn)
{
    /// <summary>Whether the citizen may say the answer did not solve the problem: answered, not closed, not reopened before.</summary>
    public bool CanReopen => Status == FeedbackStatus.Answered && ReopenedOn is null;

    /// <summary>Whether the citizen may rate the answer now (answered, not yet rated).</summary>
    public bool CanRate => Status is FeedbackStatus.Answered or FeedbackStatus.Closed && AnswerRating is null;

    public static async Task<PublicFeedbackView?> FindAsync(MasamDbContext db, string storedCode, DateTime nowUtc, CancellationToken ct)
    {
        var row = await db.Feedback
            .Where(f => f.TrackingCode == storedCode)
            .Select(f => new
            {
                f.TrackingCode,
                Provider = new PublicProviderRef(f.Provider!.Id, f.Provider.Code, f.Provider.NameMn, f.Provider.NameEn, f.Provider.AdminUnit!.Code, f.Provider.IsDemo),
                f.ServiceLineCode,
                f.ReceivedAt,
                f.Status,
                f.DueAt,
                f.ExtensionReason,
                f.AnswerRating,
                f.ReopenedAt,
                Answers = f.Responses.Where(r => r.IsPublic).OrderBy(r => r.CreatedAt)
                    .Select(r => new { r.Body, r.CreatedAt }).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);

        if (row is null)
        {
            return null;
        }

        var today = MongolianTime.DateOf(nowUtc);
        var actions = (await db.ResponseActions.AsNoTracking()
            .Where(a => a.Feedback.Any(f => f.TrackingCode == storedCode))
            .OrderBy(a => a.DueOn)
            .Select(a => new
            {
                a.Title, a.Description, a.DueOn, a.Status, a.ProgressPercent, a.CostMnt, a.FundingSource,
                ResponsibleMn = a.ResponsibleProvider != null ? a.ResponsibleProvider.NameMn : a.ResponsibleAdminUnit!.NameMn,
                ResponsibleEn = a.ResponsibleProvider != null ? a.ResponsibleProvider.NameEn : a.ResponsibleAdminUnit!.NameEn,
                Updates = a.Updates.OrderBy(u => u.At).Select(u => new { u.At, u.Text, u.Links, u.ProgressPercent }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct))
            .Select(a => new PublicActionView(PublicText.Hide(a.Title)!, PublicText.Hide(a.Description), a.ResponsibleMn, a.ResponsibleEn, a.DueOn,
                ActionRules.IsOverdue(a.Status, a.DueOn, today), a.Status, a.ProgressPercent,
                [.. a.Updates.Select(u => new PublicActionUpdate(MongolianTime.DateOf(u.At), PublicText.Hide(u.Text)!,
                    u.Links?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [], u.ProgressPercent))],
                a.CostMnt, PublicText.Hide(a.FundingSource)))
            .ToList();

        return new PublicFeedbackView(TrackingCodes.Format(row.TrackingCode), row.Provider, row.ServiceLineCode,
                MongolianTime.DateOf(row.ReceivedAt), row.Status, MongolianTime.DateOf(row.DueAt),
                AnswerDeadline.IsOverdue(row.Status, row.DueAt, nowUtc), PublicText.Hide(row.ExtensionReason),
                [.. row.Answers.Select(a => new PublicAnswer(PublicText.Hide(a.Body)!, a.CreatedAt))], row.AnswerRating, actions,
                row.ReopenedAt is { } reopened ? MongolianTime.DateOf(reopened) : null);
    }
}

public sealed record PublicProviderRef(int Id, string Code, string NameMn, string NameEn, string AdminUnitCode, bool IsDemo);

public sealed record PublicAnswer(string Body, DateTime AnsweredAt);
