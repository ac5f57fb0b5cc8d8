using Masam.Web.Features.Accounts;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Admin;

/// <summary>Providers: search by name, code or admin unit, inactive ones included on request.</summary>
[Authorize(Policy = AccountsFeature.AdminPolicy)]
public sealed class ProvidersModel(ProviderAdministration admin) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public bool Inactive { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public PagedList<Row>? Result { get; private set; }
    public bool UnknownUnit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var providers = await admin.SearchAsync(Q, Unit, Inactive, ct);
        if (providers is null)
        {
            UnknownUnit = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = await providers.Select(p => new Row(
                p.Id, p.Code, p.NameMn, p.NameEn, p.Type!.NameMn, p.Type.NameEn,
                p.AdminUnit!.NameMn, p.AdminUnit.NameEn, p.AdminUnit.Parent == null ? null : p.AdminUnit.Parent.NameMn,
                p.AdminUnit.Parent == null ? null : p.AdminUnit.Parent.NameEn, p.IsActive, p.IsDemo))
            .ToPageAsync(PageNumber, PageSize, ct);
        return Page();
    }

    public string Link(int page) =>
        $"/admin/providers?q={Uri.EscapeDataString(Q ?? "")}&unit={Uri.EscapeDataString(Unit ?? "")}&inactive={(Inactive ? "true" : "false")}&page={page}";

    public sealed record Row(
        int Id, string Code, string NameMn, string NameEn, string TypeMn, string TypeEn,
        string UnitMn, string UnitEn, string? ParentMn, string? ParentEn, bool IsActive, bool IsDemo);
}
