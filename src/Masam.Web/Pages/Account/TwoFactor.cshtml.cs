using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Account;

/// <summary>
/// A staff member's two-factor sign-in: set up an authenticator app (QR code, or the key typed in),
/// confirm it with a code, see the recovery codes once; later, new recovery codes, a new phone, or
/// turning it off where the role allows. An Admin who signed in without one is sent here until they have one.
/// </summary>
[Authorize(Policy = AccountsFeature.StaffPolicy)]
[AllowedBeforeSecondFactor]
public sealed class TwoFactorModel(UserManager<StaffUser> users, TwoFactor twoFactor, StaffSignIn staffSignIn, CurrentStaff staff, IStringLocalizer text)
    : PageModel, Shared.IFormPage
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set up a new phone while the old one still works.</summary>
    [BindProperty(SupportsGet = true)] public bool NewPhone { get; set; }

    public TwoFactor.State State { get; private set; } = new(false, false, 0);
    public TwoFactor.Setup? Setup { get; private set; }
    public string? QrCode { get; private set; }

    /// <summary>Shown once, right after they were made.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public string? Message { get; private set; }
    public FieldErrors Errors { get; } = new();
    public string? Problem { get; private set; }

    /// <summary>The role requires a second factor and this session has not passed one: nothing else opens until it is set up.</summary>
    public bool MustSetUp => State.Required && !TwoFactor.PassedSecondFactor(User);

    public string ContinueTo => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff";

    public async Task OnGetAsync() => await LoadAsync(await MeAsync());

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var me = await MeAsync();
        var (outcome, codes) = await twoFactor.ConfirmAsync(me, Code);
        if (outcome == TwoFactor.Outcome.Done)
        {
            // Turning it on ended every session, this one too: this one passed a code just now.
            await staffSignIn.SignInToPagesAsync(me, secondFactor: true);
            RecoveryCodes = codes;
            Message = text["account.twoFactor.enabled"];
            NewPhone = false;
        }

        return await AnswerAsync(me, outcome);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var me = await MeAsync();
        var (outcome, codes) = await twoFactor.NewRecoveryCodesAsync(me, Code);
        RecoveryCodes = codes;
        return await AnswerAsync(me, outcome);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var me = await MeAsync();
        var outcome = await twoFactor.DisableAsync(me, staff.Role!, Code);
        if (outcome == TwoFactor.Outcome.Done)
        {
            await staffSignIn.SignInToPagesAsync(me, secondFactor: false);
            Message = text["account.twoFactor.disabled"];
        }

        return await AnswerAsync(me, outcome);
    }

    private async Task<IActionResult> AnswerAsync(StaffUser me, TwoFactor.Outcome outcome)
    {
        switch (outcome)
        {
            case TwoFactor.Outcome.WrongCode:
                Errors.Add("code", text[string.IsNullOrWhiteSpace(Code) ? "error.twoFactor.codeMissing" : "error.twoFactor.wrongCode"]);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case TwoFactor.Outcome.Required:
                Problem = text["error.twoFactor.required"];
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case TwoFactor.Outcome.NotSetUp:
                Problem = text["error.twoFactor.notSetUp"];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        await LoadAsync(me);
        return Page();
    }

    private async Task LoadAsync(StaffUser me)
    {
        State = await twoFactor.StateAsync(me, staff.Role!);
        if (RecoveryCodes.Count == 0 && (!State.Enabled || NewPhone))
        {
            Setup = await twoFactor.SetupAsync(me, fresh: false);
            QrCode = QrSvg.Draw(Setup.AuthenticatorUri, text["account.twoFactor.qrLabel"]);
        }
    }

    private async Task<StaffUser> MeAsync() => (await users.FindByIdAsync(staff.UserId!))!;
}
