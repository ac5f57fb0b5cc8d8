using Masam.Web.Data;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.ProviderPage;

/// <summary>Follow a provider's public answers by e-mail: the address gets a link to confirm first.</summary>
[EnableRateLimiting(RateLimiting.FeedbackPolicy)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class FollowModel(MasamDbContext db, ProviderFollowing following, IStringLocalizer text) : PageModel, Shared.IFormPage
{
    public FieldErrors Errors { get; } = new();
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string? email, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (EmailAddress.Valid(email) is not { } valid)
        {
            Errors.Add("email", text["error.follow.email"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await following.SubscribeAsync(id, valid, Cultures.IsEnglish() ? "en" : "mn", ct);
        Sent = true;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var provider = await db.Providers.Where(p => p.Id == id && p.IsActive).Select(p => new { p.NameMn, p.NameEn }).FirstOrDefaultAsync(ct);
        (Id, Name) = (id, provider is null ? "" : Cultures.Pick(provider.NameMn, provider.NameEn));
        return provider is not null;
    }
}
