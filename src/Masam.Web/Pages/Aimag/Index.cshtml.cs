using Masam.Web.Data;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Maps;
using Masam.Web.Features.Publications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Aimag;

/// <summary>
/// An aimag (or the capital): its figures for the latest quarter that has ended and their trend by
/// quarter, its soums or districts and providers with their figures (hidden as published), how
/// fast it answers, and its latest publications.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(MasamDbContext db, PublishedFigures figures, IStringLocalizer text) : PageModel
{
    public required AdminUnit Unit { get; set; }
    public string? Period { get; private set; }
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

        Publications = await db.Publications.AsNoTracking().Where(p => p.AdminUnitCode == code && p.Status == PublicationStatus.Published)
            .OrderByDescending(p => p.PublishedAt).Take(4).ToListAsync(ct);
        if (await figures.LatestQuarterAsync(ct) is not { } quarter) return Page();

        Period = FigureText.Period(text, quarter);
        var scope = new FigureScope(quarter, Unit.Code);
        Total = await figures.TotalAsync(scope, ct);
        var names = await db.AdminUnits.AsNoTracking().Where(u => u.ParentId == unit.Id).ToDictionaryAsync(u => u.Code, ct);
        var bodies = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["figures.aimagBodies"], Localization.Cultures.Pick(unit.NameMn, unit.NameEn));
        Soums = [.. (await figures.SatisfactionAsync(new SatisfactionQuery(scope, FigureBreakdown.AdminUnit), ct)).Cells
            .Select(c => names.TryGetValue(c.Value, out var soum) ? (c.Value, soum.NameMn, soum.NameEn, c) : (c.Value, bodies, bodies, c))
            .OrderBy(s => s.Item2 == bodies ? 1 : 0).ThenBy(s => Localization.Cultures.Pick(s.Item2, s.Item3), Localization.Cultures.Alphabetical)];
        var providerCells = (await figures.SatisfactionAsync(new SatisfactionQuery(scope, FigureBreakdown.Provider), ct)).Cells
            .ToDictionary(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture));
        var providers = await db.Providers.AsNoTracking().Where(p => providerCells.Keys.Contains(p.Id)).Select(p => new { p.Id, p.NameMn, p.NameEn }).ToListAsync(ct);
        Providers = [.. providers.OrderBy(p => Masam.Web.Localization.Cultures.Pick(p.NameMn, p.NameEn), Masam.Web.Localization.Cultures.Alphabetical).Select(p => (p.Id, p.NameMn, p.NameEn, providerCells[p.Id]))];
        Responsiveness = await figures.ResponsivenessAsync(scope, ct);
        Trend = [.. (await figures.TrendAsync(scope, 8, ct)).Select(t => new SvgCharts.TrendPoint(t.Quarter.Name, t.Cell?.Rate, t.Cell?.RateLower, t.Cell?.RateUpper))];
        return Page();
    }

}
