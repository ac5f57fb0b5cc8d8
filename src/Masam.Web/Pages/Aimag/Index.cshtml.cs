using Masam.Web.Data;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Maps;
using Masam.Web.Features.Publications;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Aimag;

/// <summary>
/// An aimag (or the capital): its figures for the year and their trend by quarter, its soums or
/// districts and providers with their figures (suppressed as published), how fast it answers, and
/// its latest publications.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(MasamDbContext db, IConfiguration configuration, IStringLocalizer text) : PageModel
{
    public required AdminUnit Unit { get; set; }
    public string? Year { get; private set; }
    public SatisfactionCell? Total { get; private set; }
    public IReadOnlyList<SvgCharts.TrendPoint> Trend { get; private set; } = [];
    public IReadOnlyList<(string Code, string NameMn, string NameEn, SatisfactionCell Cell)> Soums { get; private set; } = [];
    public IReadOnlyList<(int Id, string NameMn, string NameEn, SatisfactionCell Cell)> Providers { get; private set; } = [];
    public ResponsivenessFigures? Responsiveness { get; private set; }
    public IReadOnlyList<Publication> Publications { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var unit = await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code && u.Level == AdminUnitLevel.First, ct);
        if (unit is null) return NotFound();
        Unit = unit;

        var latest = await PublicFigures.LatestMonthAsync(db, ct);
        Publications = await db.Publications.AsNoTracking().Where(p => p.AdminUnitCode == code && p.Status == PublicationStatus.Published)
            .OrderByDescending(p => p.PublishedAt).Take(4).ToListAsync(ct);
        if (latest is not { } month) return Page();

        var threshold = SatisfactionEndpoints.Threshold(configuration);
        Year = month.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var year = await ScopeAsync(Year, ct);
        Total = (await SatisfactionEndpoints.CellsAsync(db, year, "dimension", "all", null, threshold, ct)).SingleOrDefault();
        var names = await db.AdminUnits.AsNoTracking().Where(u => u.ParentId == unit.Id).ToDictionaryAsync(u => u.Code, ct);
        Soums = [.. (await SatisfactionEndpoints.CellsAsync(db, year, "admin-unit", "all", null, threshold, ct))
            .Where(c => names.ContainsKey(c.Value)).Select(c => (c.Value, names[c.Value].NameMn, names[c.Value].NameEn, c))];
        var providerCells = (await SatisfactionEndpoints.CellsAsync(db, year, "provider", "all", null, threshold, ct)).ToDictionary(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture));
        var providers = await db.Providers.AsNoTracking().Where(p => providerCells.Keys.Contains(p.Id)).Select(p => new { p.Id, p.NameMn, p.NameEn }).ToListAsync(ct);
        Providers = [.. providers.OrderBy(p => p.NameMn, StringComparer.Ordinal).Select(p => (p.Id, p.NameMn, p.NameEn, providerCells[p.Id]))];
        Responsiveness = await ResponsivenessEndpoints.ReadAsync(db, year, ct);

        Trend = await PublicFigures.TrendAsync(db, text, month, Unit.Code, null, threshold, ct);
        return Page();
    }

    private async Task<FigureScope> ScopeAsync(string period, CancellationToken ct) =>
        (await FigureScope.ReadAsync(db, text, new FieldErrors(), period, Unit.Code, null, null, ct))!;
}
