using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Admin;

/// <summary>
/// One provider: add (<c>/admin/providers/new</c>) or correct it, take it out of service or back
/// in. The same rules as the API; a refused form comes back with what was typed and each field's message.
/// </summary>
[Authorize(Policy = AccountsFeature.AdminPolicy)]
public sealed class ProviderModel(ProviderAdministration admin, MasamDbContext db) : PageModel, Shared.IFormPage
{
    [FromRoute] public int? Id { get; set; }
    [BindProperty] public Form Input { get; set; } = new();

    public ProviderAdminView? Current { get; private set; }
    public FieldErrors Errors { get; private set; } = new();
    public IReadOnlyList<Choice> Types { get; private set; } = [];
    public IReadOnlyList<Choice> Lines { get; private set; } = [];
    public IReadOnlyList<UnitGroup> Units { get; private set; } = [];
    public bool IsNew => Id is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            Current = await admin.ViewAsync(id, ct);
            if (Current is null)
            {
                return NotFound();
            }

            Input = new Form
            {
                NameMn = Current.NameMn, NameEn = Current.NameEn, Type = Current.Type, AdminUnit = Current.AdminUnit,
                ServiceLines = [.. Current.ServiceLines], RegistrationNumber = Current.RegistrationNumber, AddressMn = Current.AddressMn, SmsCode = Current.SmsCode,
            };
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new ProviderRequest
        {
            Code = Id is null ? Input.Code : null, NameMn = Input.NameMn, NameEn = Input.NameEn, Type = Input.Type,
            AdminUnit = Input.AdminUnit, ServiceLines = Input.ServiceLines, RegistrationNumber = Input.RegistrationNumber,
            AddressMn = Input.AddressMn, SmsCode = Input.SmsCode,
        };
        var (saved, errors) = Id is { } id ? await admin.UpdateAsync(id, request, ct) : await admin.CreateAsync(request, ct);
        if (saved is not null)
        {
            return Redirect($"/admin/providers/{saved.Id}?saved=true");
        }

        if (!errors.Any)
        {
            return NotFound();
        }

        Errors = errors;
        Current = Id is { } existing ? await admin.ViewAsync(existing, ct) : null;
        await LoadChoicesAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(bool active, CancellationToken ct) =>
        Id is { } id && await admin.SetActiveAsync(id, active, ct) is not null
            ? Redirect($"/admin/providers/{id}")
            : NotFound();

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Types = await db.ProviderTypes.AsNoTracking().OrderBy(t => t.SectorCode).ThenBy(t => t.Code)
            .Select(t => new Choice(t.Code, t.NameMn, t.NameEn)).ToListAsync(ct);
        Lines = await db.ServiceLines.AsNoTracking().OrderBy(l => l.SectorCode).ThenBy(l => l.Code)
            .Select(l => new Choice(l.Code, l.NameMn, l.NameEn)).ToListAsync(ct);
        var units = await db.AdminUnits.AsNoTracking().Where(u => u.ValidTo == null)
            .OrderBy(u => u.Path).Select(u => new { u.Code, u.NameMn, u.NameEn, u.Level, u.Path }).ToListAsync(ct);
        Units = [.. units.Where(u => u.Level == AdminUnitLevel.First).Select(a => new UnitGroup(
            new Choice(a.Code, a.NameMn, a.NameEn),
            [.. units.Where(u => u.Level == AdminUnitLevel.Second && u.Path.StartsWith(a.Path, StringComparison.Ordinal))
                .Select(u => new Choice(u.Code, u.NameMn, u.NameEn))]))];
    }

    public sealed record Choice(string Code, string NameMn, string NameEn)
    {
        public string Name => Cultures.Pick(NameMn, NameEn);
    }

    public sealed record UnitGroup(Choice Aimag, IReadOnlyList<Choice> Units);

    public sealed class Form
    {
        public string? Code { get; set; }
        public string? NameMn { get; set; }
        public string? NameEn { get; set; }
        public string? Type { get; set; }
        public string? AdminUnit { get; set; }
        public List<string?> ServiceLines { get; set; } = [];
        public string? RegistrationNumber { get; set; }
        public string? AddressMn { get; set; }
        public string? SmsCode { get; set; }
    }
}
