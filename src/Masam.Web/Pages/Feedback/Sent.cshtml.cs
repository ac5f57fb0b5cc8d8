using Microsoft.AspNetCore.Authorization;
using Masam.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Feedback;

[AllowAnonymous]
public sealed class SentModel : PageModel
{
    public string Code { get; private set; } = "";

    public IActionResult OnGet(string code)
    {
        var stored = TrackingCodes.Normalize(code);
        if (stored is null)
        {
            return NotFound();
        }

        Code = TrackingCodes.Format(stored);
        return Page();
    }
}
