using Masam.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<StaffUser> signIn, IStringLocalizer text) : PageModel
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
        var user = string.IsNullOrWhiteSpace(Email) ? null : await signIn.UserManager.FindByEmailAsync(Email.Trim());
        var result = user is null || user.IsDisabled || string.IsNullOrEmpty(Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff");
        }

        Error = result.IsLockedOut ? text["problem.signIn.lockedOut"] : text["problem.signIn.failed"];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
