using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Account;

/// <summary>Staff sign-in to the pages: the same check, the same answers and the same limits as the API's.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.SignInPolicy)]
public sealed class SignInModel(SignInManager<StaffUser> signIn, StaffSignIn staffSignIn, IStringLocalizer text) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (outcome, user, retryAfter) = await staffSignIn.CheckAsync(Email, Password);
        if (outcome == StaffSignIn.Outcome.Succeeded)
        {
            await signIn.SignInAsync(user!, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff");
        }

        if (outcome == StaffSignIn.Outcome.Throttled)
        {
            var minutes = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalMinutes));
            Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Error = text["problem.signIn.throttled", minutes];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        Error = text["problem.signIn.failed"];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
