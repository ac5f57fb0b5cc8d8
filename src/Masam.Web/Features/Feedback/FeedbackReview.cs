using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Audit;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// What officials and provider managers do with feedback: move it through its lifecycle, answer it
/// publicly or note something internally, extend the deadline once. Every change is checked
/// against the account's scope, the item's version and the lifecycle, and is audited.
/// </summary>
public sealed class FeedbackReview(MasamDbContext db, CurrentStaff staff, VersionedChange change, CitizenNotices notices, HolidayCalendar holidays, Providers.ProviderFollowing followers, IStringLocalizer text)
{
    public Task<ChangeOutcome> ChangeStatusAsync(long id, ChangeStatusRequest request, CancellationToken ct) =>
        ChangeAsync(id, request.Version, "feedback.status", async (item, errors) =>
        {
            if (!WireEnum<FeedbackStatus>.TryParse(request.Status, out var target) || target == FeedbackStatus.Answered)
            {
                errors.Add("status", text["error.enum.unknown", request.Status ?? "", "acknowledged, in-progress, closed, rejected"]);
                return null;
            }

            if (!FeedbackLifecycle.CanMove(item.Status, target))
            {
                return text["error.review.transition", WireEnum<FeedbackStatus>.Name(item.Status), WireEnum<FeedbackStatus>.Name(target),
                    string.Join(", ", FeedbackLifecycle.AllowedAfter(item.Status).Select(WireEnum<FeedbackStatus>.Name).DefaultIfEmpty("-"))];
            }

            if (target == FeedbackStatus.Rejected && !await RejectAsync(item, request, errors, ct))
            {
                return null;
            }

            item.Status = target;
            if (target is FeedbackStatus.Closed or FeedbackStatus.Rejected)
            {
                item.RecordClose(Now);
            }

            if (target == FeedbackStatus.Closed)
            {
                await notices.QueueAsync(item, CitizenNotice.Closed, null, null, ct);
            }

            return null;
        }, ct);

    public Task<ChangeOutcome> AddResponseAsync(long id, AddResponseRequest request, CancellationToken ct) =>
        ChangeAsync(id, request.Version, request.Public == true ? "feedback.answer" : "feedback.note", async (item, errors) =>
        {
            var body = UserText.Clean(request.Body);
            if (body is null || body.Length > FeedbackRules.ResponseMaxLength)
            {
                errors.Add("body", text["error.review.body", FeedbackRules.ResponseMaxLength]);
            }

            if (request.Public is null)
            {
                errors.Add("public", text["error.required"]);
            }

            if (errors.Any)
            {
                return null;
            }

            if (request.Public == true)
            {
                if (!FeedbackLifecycle.CanAnswer(item.Status))
                {
                    return text["error.review.answerClosed", WireEnum<FeedbackStatus>.Name(item.Status)];
                }

                item.Status = FeedbackStatus.Answered;
                item.RecordAnswer(Now);
                item.OverdueFlaggedAt = null;
                await notices.QueueAsync(item, CitizenNotice.Answered, body, null, ct);
                await followers.QueueAnswerAsync(item.ProviderId, body!, ct);
            }

            item.Responses.Add(new FeedbackResponse { Body = body!, IsPublic = request.Public == true, CreatedAt = Now });
            return null;
        }, ct);

    public Task<ChangeOutcome> ExtendAsync(long id, ExtendDeadlineRequest request, CancellationToken ct) =>
        ChangeAsync(id, request.Version, "feedback.extend", async (item, errors) =>
        {
            if (request.Days is not (>= 1 and <= AnswerDeadline.MaxExtensionDays))
            {
                errors.Add("days", text["error.review.days", AnswerDeadline.MaxExtensionDays]);
            }

            var reason = UserText.Clean(request.Reason);
            if (reason is null || reason.Length > FeedbackRules.ReasonMaxLength)
            {
                errors.Add("reason", text["error.review.reason"]);
            }

            if (errors.Any)
            {
                return null;
            }

            if (item.ExtendedAt is not null)
            {
                return text["error.review.extendedOnce"];
            }

            if (!AnswerDeadline.IsOpen(item.Status))
            {
                return text["error.review.extendClosed", WireEnum<FeedbackStatus>.Name(item.Status)];
            }

            item.DueAt = (await holidays.CurrentAsync(ct)).Extend(item.DueAt, request.Days!.Value);
            item.ExtensionReason = reason;
            item.ExtendedAt = Now;
            item.OverdueFlaggedAt = null;
            return null;
        }, ct);

    private DateTime Now => change.Now;

    private async Task<bool> RejectAsync(FeedbackItem item, ChangeStatusRequest request, FieldErrors errors, CancellationToken ct)
    {
        if (!WireEnum<RejectionReason>.TryParse(request.RejectionReason, out var reason))
        {
            errors.Add("rejectionReason", text["error.enum.unknown", request.RejectionReason ?? "", string.Join(", ", WireEnum<RejectionReason>.All)]);
            return false;
        }

        if (reason == RejectionReason.Duplicate)
        {
            var original = request.DuplicateOf is { } other && other != item.Id
                && await InScope().AnyAsync(f => f.Id == other, ct);
            if (!original)
            {
                errors.Add("duplicateOf", text["error.review.duplicateOf"]);
                return false;
            }

            item.DuplicateOfId = request.DuplicateOf;
        }

        item.RejectionReason = reason;
        return true;
    }

    private Task<ChangeOutcome> ChangeAsync(long id, int? version, string action,
        Func<FeedbackItem, FieldErrors, Task<string?>> apply, CancellationToken ct) =>
        change.RunAsync(InScope().Where(f => f.Id == id), version, action, "Feedback",
            f => f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            f => Snapshot(f) with { Response = f.Responses.LastOrDefault()?.Body }, apply, ct);

    private IQueryable<FeedbackItem> InScope() =>
        db.Feedback.Where(staff.Scope.Feedback());

    private static ReviewSnapshot Snapshot(FeedbackItem f) =>
        new(WireEnum<FeedbackStatus>.Name(f.Status), f.DueAt, f.ExtensionReason, f.RejectionReason, f.DuplicateOfId, f.Version, null);

    private sealed record ReviewSnapshot(string Status, DateTime DueAt, string? ExtensionReason, RejectionReason? RejectionReason,
        long? DuplicateOf, int Version, string? Response);
}
