using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages;

/// <summary>
/// The page a browser sees instead of an empty 404, 403 or 500 (<see cref="Infrastructure.ErrorPages"/>):
/// in the reader's language, in the site's layout, with the way back. The API and the feed keep their problem responses.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>Which text to show: 404, 403, 500, or any other error.</summary>
    public string Kind { get; private set; } = "other";

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        if (code is < 400 or > 599)
        {
            code = StatusCodes.Status404NotFound;
        }

        // Visited directly rather than in place of a failed request: answer with the status it names.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null)
        {
            Response.StatusCode = code;
        }

        Kind = code switch
        {
            StatusCodes.Status404NotFound or StatusCodes.Status403Forbidden => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            >= 500 => "500",
            _ => "other",
        };
        return Page();
    }
}
