using Masam.Web.Features.Accounts;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Staff;

/// <summary>One feedback item and the answer flow: answer or note, move it on, extend once, commit to an action.</summary>
[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class FeedbackModel(FeedbackInbox inbox, FeedbackReview review, ResponseActions actions, CurrentStaff staff) : Shared.ChangePageModel
{
    public StaffFeedbackDetail? Item { get; private set; }
    public IReadOnlyList<ActionView> Actions { get; private set; } = [];

    public bool CanRespond => staff.Role is StaffRoles.LocalOfficial or StaffRoles.ProviderManager;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAnswerAsync(long id, string? body, bool isPublic, int version, CancellationToken ct) =>
        ChangeAsync(id, () => review.AddResponseAsync(id, new AddResponseRequest { Body = body, Public = isPublic, Version = version }, ct), ct);

    public Task<IActionResult> OnPostStatusAsync(long id, string? status, string? rejectionReason, long? duplicateOf, int version, CancellationToken ct) =>
        ChangeAsync(id, () => review.ChangeStatusAsync(id, new ChangeStatusRequest
        {
            Status = status, RejectionReason = string.IsNullOrEmpty(rejectionReason) ? null : rejectionReason, DuplicateOf = duplicateOf, Version = version,
        }, ct), ct);

    public Task<IActionResult> OnPostExtendAsync(long id, int? days, string? reason, int version, CancellationToken ct) =>
        ChangeAsync(id, () => review.ExtendAsync(id, new ExtendDeadlineRequest { Days = days, Reason = reason, Version = version }, ct), ct);

    public async Task<IActionResult> OnPostActionAsync(long id, string? title, DateOnly? dueOn, string? costMnt, string? fundingSource, CancellationToken ct)
    {
        if (!CanRespond)
        {
            return Forbid();
        }

        if (await inbox.FindAsync(id, ct) is not { } item)
        {
            return NotFound();
        }

        var outcome = RefusedAmount("costMnt", costMnt, out var cost) ?? await actions.CreateAsync(new CreateActionRequest
        {
            Title = title, DueOn = dueOn, CostMnt = cost, FundingSource = fundingSource,
            ResponsibleProviderId = item.Feedback.ProviderId, FeedbackIds = [id],
        }, ct);
        return outcome.CreatedId is { } created ? Redirect($"/staff/actions/{created}") : await AfterChangeAsync(outcome, $"/staff/feedback/{id}", () => LoadAsync(id, ct));
    }

    private async Task<IActionResult> ChangeAsync(long id, Func<Task<ChangeOutcome>> change, CancellationToken ct)
    {
        if (!CanRespond)
        {
            return Forbid();
        }

        return await AfterChangeAsync(await change(), $"/staff/feedback/{id}", () => LoadAsync(id, ct));
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Item = await inbox.FindAsync(id, ct);
        if (Item is null)
        {
            return false;
        }

        Actions = await actions.ForFeedbackAsync(id, ct);
        return true;
    }
}
