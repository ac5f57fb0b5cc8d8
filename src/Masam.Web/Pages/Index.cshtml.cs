using Microsoft.AspNetCore.Authorization;
using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages;

[AllowAnonymous]
public sealed class IndexModel(MasamDbContext db) : PageModel
{
    public int Aimags { get; private set; }
    public int Soums { get; private set; }
    public int Providers { get; private set; }
    public int Feedback { get; private set; }
    public bool HasDemoData { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Aimags = await db.AdminUnits.CountAsync(u => u.Level == AdminUnitLevel.First, ct);
        Soums = await db.AdminUnits.CountAsync(u => u.Level == AdminUnitLevel.Second, ct);
        Providers = await db.Providers.CountAsync(p => p.IsActive, ct);
        Feedback = await db.Feedback.CountAsync(ct);
        HasDemoData = await db.Providers.AnyAsync(p => p.IsDemo, ct);
    }
}
