using Masam.Web.Features.Providers;
using Masam.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Follow;

/// <summary>The link in a follower's e-mails: confirm following a provider, or stop.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(ProviderFollowing following) : PageModel
{
    public string? Name { get; private set; }
    public bool Following { get; private set; }
    public bool Stopped { get; private set; }

    public Task<IActionResult> OnGetAsync(string token, CancellationToken ct) => ShowAsync(token, ct);

    public async Task<IActionResult> OnPostFollowAsync(string token, CancellationToken ct)
    {
        await following.SetFollowingAsync(token, true, ct);
        return await ShowAsync(token, ct);
    }

    public async Task<IActionResult> OnPostStopAsync(string token, CancellationToken ct)
    {
        await following.SetFollowingAsync(token, false, ct);
        Stopped = true;
        return await ShowAsync(token, ct);
    }

    private async Task<IActionResult> ShowAsync(string token, CancellationToken ct)
    {
        if (token.Length > 32 || await following.FindAsync(token, ct) is not { } found)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        (Name, Following) = (Cultures.Pick(found.NameMn, found.NameEn), found.Following);
        return Page();
    }
}
