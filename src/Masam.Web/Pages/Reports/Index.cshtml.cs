using Masam.Web.Data;
using Masam.Web.Features.Publications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Reports;

/// <summary>The public catalogue of published reports: by period and unit, each file with its size, fingerprint and stable link.</summary>
[AllowAnonymous]
public sealed class IndexModel(MasamDbContext db, PublicationCatalogue catalogue) : PageModel
{
    public IReadOnlyList<PublicationView> Publications { get; private set; } = [];
    public IReadOnlyList<string> Periods { get; private set; } = [];
    public IReadOnlyList<(string Code, string NameMn, string NameEn)> Units { get; private set; } = [];
    public string? Period { get; private set; }
    public string? Unit { get; private set; }

    public async Task OnGetAsync(string? period, string? unit, CancellationToken ct)
    {
        (Period, Unit) = (string.IsNullOrWhiteSpace(period) ? null : period.ToUpperInvariant(), string.IsNullOrWhiteSpace(unit) ? null : unit);
        var published = catalogue.Published();
        Periods = await published.Select(p => p.Period).Distinct().OrderByDescending(p => p).ToListAsync(ct);
        var codes = await published.Where(p => p.AdminUnitCode != null).Select(p => p.AdminUnitCode!).Distinct().ToListAsync(ct);
        Units = [.. (await db.AdminUnits.AsNoTracking().Where(u => codes.Contains(u.Code)).Select(u => new { u.Code, u.NameMn, u.NameEn }).ToListAsync(ct))
            .OrderBy(u => Localization.Cultures.Pick(u.NameMn, u.NameEn), Localization.Cultures.Alphabetical).Select(u => (u.Code, u.NameMn, u.NameEn))];
        if (Period is not null) published = published.Where(p => p.Period == Period);
        if (Unit is not null) published = published.Where(p => Unit == "national" ? p.AdminUnitCode == null : p.AdminUnitCode == Unit);
        var found = await published.OrderByDescending(p => p.Period).ThenBy(p => p.AdminUnitCode).ThenByDescending(p => p.Edition).Take(500).ToListAsync(ct);
        Publications = await catalogue.ViewsAsync(found, null, ct);
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
