using Masam.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Account;

/// <summary>Signs out by POST only (a link could be followed by anyone's page).</summary>
[Authorize(Policy = AccountsFeature.StaffPolicy)]
[AllowedBeforeSecondFactor]
public sealed class SignOutModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, CurrentStaff staff) : PageModel
{
    public IActionResult OnGet() => Redirect("/staff");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.FindByIdAsync(staff.UserId!) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
