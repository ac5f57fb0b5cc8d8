using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Staff;

/// <summary>The staff home: who is signed in, in which role, over which places or providers.</summary>
[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class IndexModel(MasamDbContext db, CurrentStaff staff) : PageModel
{
    public CurrentStaff Staff => staff;
    public IReadOnlyList<string> ScopeNames { get; private set; } = [];
    public bool TwoFactorOn { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = Localization.Cultures.IsEnglish();
        var units = await db.AdminUnits.Where(u => staff.Scope.UnitPaths.Contains(u.Path))
            .Select(u => english ? u.NameEn : u.NameMn).ToListAsync(ct);
        var providers = await db.Providers.Where(p => staff.Scope.ProviderIds.Contains(p.Id))
            .Select(p => english ? p.NameEn : p.NameMn).ToListAsync(ct);
        ScopeNames = [.. units, .. providers];
        TwoFactorOn = await db.Users.AnyAsync(u => u.Id == staff.UserId && u.TwoFactorEnabled, ct);
    }
}
