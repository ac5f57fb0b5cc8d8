using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masam.Web.Pages.Admin;

/// <summary>Accounts: list, create, disable and enable; the same rules as the API.</summary>
[Authorize(Policy = AccountsFeature.AdminPolicy)]
public sealed class UsersModel(StaffAdministration admin, CurrentStaff me) : PageModel
{
    public IReadOnlyList<StaffAccountView> Accounts { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = new();
    [BindProperty] public NewAccount Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await admin.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (_, errors) = await admin.CreateAsync(new CreateStaffRequest
        {
            Email = Input.Email, DisplayName = Input.DisplayName, Password = Input.Password, Role = Input.Role,
            AdminUnits = Split(Input.AdminUnits),
            Providers = [.. Split(Input.Providers).Select(p => int.TryParse(p, out var id) ? id : -1)],
        }, ct);
        if (errors.Any)
        {
            Errors = errors;
            Accounts = await admin.ListAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, bool disable, CancellationToken ct)
    {
        if (!(disable && id == me.UserId))
        {
            await admin.SetDisabledAsync(id, disable, ct);
        }

        return RedirectToPage();
    }

    private static string[] Split(string? list) =>
        list?.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public sealed class NewAccount
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? Role { get; set; }
        public string? AdminUnits { get; set; }
        public string? Providers { get; set; }
    }
}
