using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Account;

/// <summary>
/// Staff sign-in to the pages: the same check, the same answers and the same limits as the API's.
/// An account with two-factor sign-in goes on to <c>/account/sign-in/code</c>. While the account is
/// throttled (someone is guessing its password), the page asks for the authenticator code beside
/// the password: both together still get the owner in.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.SignInPolicy)]
public sealed class SignInModel(StaffSignIn staffSignIn, IStringLocalizer text) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    /// <summary>The authenticator's code (or a recovery code), given with the password while the account is throttled.</summary>
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public bool AskForCode { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (outcome, user, retryAfter) = await staffSignIn.CheckAsync(Email, Password, Code);
        switch (outcome)
        {
            case StaffSignIn.Outcome.Succeeded:
                await staffSignIn.SignInToPagesAsync(user!, secondFactor: user!.TwoFactorEnabled);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff");

            case StaffSignIn.Outcome.NeedsSecondFactor:
                await staffSignIn.AwaitSecondFactorAsync(user!);
                return RedirectToPage("/Account/SignInCode", new { ReturnUrl });

            case StaffSignIn.Outcome.Throttled:
                Error = text["problem.signIn.throttled", StaffSignIn.RetryAfter(Response, retryAfter)] + " " + text["account.twoFactor.throttledHint"];
                AskForCode = true;
                return Page();

            case StaffSignIn.Outcome.SecondFactorFailed:
                Error = text["problem.signIn.twoFactorFailed"];
                AskForCode = true;
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Page();

            default:
                Error = text["problem.signIn.failed"];
                AskForCode = !string.IsNullOrWhiteSpace(Code);
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Page();
        }
    }
}
