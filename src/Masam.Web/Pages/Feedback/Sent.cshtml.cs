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
        var stored = TrackingCode.Normalize(code);
        if (stored is null)
        {
            return NotFound();
        }

        Code = TrackingCode.Format(stored);
        return Page();
    }
}
