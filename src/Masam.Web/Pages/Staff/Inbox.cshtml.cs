using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Staff;

/// <summary>The inbox page: the same query as <c>GET /api/v1/staff/feedback</c>, as a plain GET form.</summary>
[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class InboxModel(FeedbackInbox inbox) : PageModel, Shared.IFormPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public int? Score { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public StaffInbox? Result { get; private set; }
    public FieldErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Result, Errors) = await inbox.QueryAsync(new InboxFilter(
            Status: string.IsNullOrEmpty(Status) ? null : Status, Score: Score, Overdue: Overdue ? true : null,
            Sort: string.IsNullOrEmpty(Sort) ? null : Sort, Page: PageNumber, PageSize: 50), ct);
        if (Result is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public string Link(string? status = null, int? page = null) =>
        $"/staff/inbox?status={Uri.EscapeDataString(status ?? Status ?? "")}&overdue={(Overdue ? "true" : "false")}&score={Score}&sort={Sort}&page={page ?? 1}";
}
