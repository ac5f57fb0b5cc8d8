using System.Globalization;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Open311;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Admin;

/// <summary>
/// Open311 keys: the clients, issuing a key (shown on the answer to that form only, never again),
/// and revoking one; the same rules and audit as the API.
/// </summary>
[Authorize(Policy = AccountsFeature.AdminPolicy)]
public sealed class Open311Model(Open311Clients clients) : PageModel, Shared.IFormPage
{
    public IReadOnlyList<Open311ClientView> Clients { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = new();
    public IssuedOpen311Key? Issued { get; private set; }
    [BindProperty] public string? Name { get; set; }

    public string Date(DateTime utc) => MongolianTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => Clients = await clients.ListAsync(ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        (Issued, Errors) = await clients.IssueAsync(Name, ct);
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Name = null;
            // The key is on this answer only: it must not be kept by a cache on the way.
            Response.Headers.CacheControl = "no-store";
        }

        Clients = await clients.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        await clients.RevokeAsync(id, ct);
        return RedirectToPage();
    }
}
