using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Admin;

/// <summary>
/// Accounts: list, create, disable and enable; the same rules as the API. The scope is picked by
/// name (aimags, the capital, districts and soums, grouped by aimag); providers by code or number.
/// No role is chosen for the Admin, and an Admin cannot disable their own account. An account's
/// two-factor sign-in can be reset here when its owner lost their phone and recovery codes.
/// </summary>
[Authorize(Policy = AccountsFeature.AdminPolicy)]
public sealed class UsersModel(
    StaffAdministration admin, CurrentStaff me, TwoFactor twoFactor, UserManager<StaffUser> users, MasamDbContext db, IStringLocalizer text) : PageModel, Shared.IFormPage
{
    public IReadOnlyList<StaffAccountView> Accounts { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = new();
    [BindProperty] public NewAccount Input { get; set; } = new();

    /// <summary>The units a scope may name, each aimag (or the capital) with the soums (or districts) in it.</summary>
    public IReadOnlyList<(string Code, string Name, IReadOnlyList<(string Code, string Name)> Parts)> Units { get; private set; } = [];

    /// <summary>Names for the codes and provider numbers in the accounts' scopes.</summary>
    public IReadOnlyDictionary<string, string> UnitNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<int, string> ProviderNames { get; private set; } = new Dictionary<int, string>();

    public bool IsMe(StaffAccountView account) => account.Id == me.UserId;

    /// <summary>The unit codes the form was sent with, picked or typed.</summary>
    public IReadOnlySet<string> ChosenUnits => Input.AdminUnits.SelectMany(Split).ToHashSet(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var providers = await ProviderIdsAsync(Split(Input.Providers), errors, ct);
        if (!errors.Any)
        {
            (_, errors) = await admin.CreateAsync(new CreateStaffRequest
            {
                Email = Input.Email, DisplayName = Input.DisplayName, Password = Input.Password, Role = Input.Role,
                AdminUnits = [.. ChosenUnits],
                Providers = providers,
            }, ct);
        }

        if (errors.Any)
        {
            Errors = errors;
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, bool disable, CancellationToken ct)
    {
        // An Admin locked out of their own account would leave nobody to let them back in.
        if (!(disable && id == me.UserId))
        {
            await admin.SetDisabledAsync(id, disable, ct);
        }

        return RedirectToPage();
    }

    /// <summary>For someone who lost their phone and their recovery codes (their own is changed on /account/two-factor).</summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        if (id != me.UserId && await users.FindByIdAsync(id) is { } account)
        {
            await twoFactor.ResetAsync(account);
        }

        return RedirectToPage();
    }

    /// <summary>Providers typed by code (<c>DEMO-MN18101-OSS</c>) or by number; an unknown one is named.</summary>
    private async Task<List<int>> ProviderIdsAsync(string[] typed, FieldErrors errors, CancellationToken ct)
    {
        var known = await db.Providers.AsNoTracking()
            .Where(p => typed.Contains(p.Code) || typed.Contains(p.Id.ToString()))
            .Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        var ids = new List<int>();
        foreach (var entry in typed)
        {
            if (known.FirstOrDefault(p => p.Code == entry || p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == entry) is { } found)
            {
                ids.Add(found.Id);
            }
            else
            {
                errors.Add("providers", text["error.provider.notFound", entry]);
            }
        }

        return ids;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await admin.ListAsync(ct);
        var units = await db.AdminUnits.AsNoTracking().Where(u => u.ValidTo == null)
            .Select(u => new { u.Code, u.NameMn, u.NameEn, u.Level, Parent = u.Parent == null ? null : u.Parent.Code }).ToListAsync(ct);
        string Name(string mn, string en) => Cultures.Pick(mn, en);
        UnitNames = units.ToDictionary(u => u.Code, u => Name(u.NameMn, u.NameEn));
        Units = [.. units.Where(u => u.Level == AdminUnitLevel.First)
            .OrderBy(u => Name(u.NameMn, u.NameEn), Cultures.Alphabetical)
            .Select(u => (u.Code, Name(u.NameMn, u.NameEn), (IReadOnlyList<(string, string)>)[.. units.Where(p => p.Parent == u.Code)
                .OrderBy(p => Name(p.NameMn, p.NameEn), Cultures.Alphabetical).Select(p => (p.Code, Name(p.NameMn, p.NameEn)))]))];
        var providerIds = Accounts.SelectMany(a => a.Providers).Distinct().ToList();
        ProviderNames = (await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id))
            .Select(p => new { p.Id, p.NameMn, p.NameEn }).ToListAsync(ct)).ToDictionary(p => p.Id, p => Name(p.NameMn, p.NameEn));
    }

    private static string[] Split(string? list) =>
        list?.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public sealed class NewAccount
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? Role { get; set; }

        /// <summary>Unit codes, picked from the list (or typed, separated by commas).</summary>
        public List<string> AdminUnits { get; set; } = [];

        /// <summary>Provider codes or numbers, separated by commas.</summary>
        public string? Providers { get; set; }
    }
}
