using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Account;

/// <summary>
/// The second step of signing in, after a right password: the six digits of the authenticator app,
/// or one of the recovery codes (used up). Wrong codes count against the address as wrong passwords do.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.SignInPolicy)]
public sealed class SignInCodeModel(StaffSignIn staffSignIn, IStringLocalizer text) : PageModel, Shared.IFormPage
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public FieldErrors Errors { get; } = new();
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await staffSignIn.AwaitingSecondFactorAsync() is null ? StartAgain() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await staffSignIn.AwaitingSecondFactorAsync() is not { } user) return StartAgain();
        if (string.IsNullOrWhiteSpace(Code))
        {
            Errors.Add("code", text["error.twoFactor.codeMissing"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (outcome, _, retryAfter) = await staffSignIn.CheckSecondFactorAsync(user, Code);
        if (outcome == StaffSignIn.Outcome.Succeeded)
        {
            await staffSignIn.SignInToPagesAsync(user, secondFactor: true);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff");
        }

        if (outcome == StaffSignIn.Outcome.Throttled)
        {
            Problem = text["problem.signIn.throttled", StaffSignIn.RetryAfter(Response, retryAfter)];
            return Page();
        }

        Errors.Add("code", text["error.twoFactor.wrongCode"]);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    /// <summary>No password was given here in the last five minutes: sign in from the start.</summary>
    private IActionResult StartAgain() => RedirectToPage("/Account/SignIn", new { ReturnUrl });
}
