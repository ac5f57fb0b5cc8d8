using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Notices;

/// <summary>The "stop" link of every notice e-mail: one button stops the messages about that feedback.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class StopModel(MasamDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>The feedback's tracking code, or null when the link is not one Masam gave.</summary>
    public string? Code { get; private set; }

    public bool Stopped { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var found = await FindAsync(token, ct);
        if (found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        (Code, Stopped) = (TrackingCodes.Format(found.Value.Code), found.Value.StoppedAt is not null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var found = await FindAsync(token, ct);
        if (found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.FeedbackContacts.Where(c => c.StopToken == token && c.StoppedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.StoppedAt, now), ct);
        (Code, Stopped) = (TrackingCodes.Format(found.Value.Code), true);
        return Page();
    }

    private async Task<(string Code, DateTime? StoppedAt)?> FindAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 32)
        {
            return null;
        }

        var row = await db.FeedbackContacts.Where(c => c.StopToken == token)
            .Join(db.Feedback, c => c.FeedbackId, f => f.Id, (c, f) => new { f.TrackingCode, c.StoppedAt })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : (row.TrackingCode, row.StoppedAt);
    }
}
