using Masam.Web.Features.Accounts;
using Masam.Web.Features.Actions;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Staff;

/// <summary>One response action: its record of progress, and the form to add to it.</summary>
[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class ActionModel(ResponseActions actions, CurrentStaff staff) : Shared.ChangePageModel
{
    public ActionView? Action { get; private set; }

    public bool CanRespond => staff.Role is StaffRoles.LocalOfficial or StaffRoles.ProviderManager;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        (Action = await actions.FindAsync(id, ct)) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostProgressAsync(int id, string? text, int? progressPercent, string? status, string? dropReason, string? links, int version, CancellationToken ct)
    {
        if (!CanRespond)
        {
            return Forbid();
        }

        var outcome = await actions.ProgressAsync(id, new ActionProgressRequest
        {
            Text = text, ProgressPercent = progressPercent, Status = string.IsNullOrEmpty(status) ? null : status, DropReason = dropReason,
            Links = links?.Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Version = version,
        }, ct);
        return await AfterChangeAsync(outcome, $"/staff/actions/{id}", async () => (Action = await actions.FindAsync(id, ct)) is not null);
    }
}
