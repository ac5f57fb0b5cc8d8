using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Maps;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.ProviderPage;

/// <summary>
/// A provider: its satisfaction for the year with the interval, by group of respondents, the trend
/// by quarter, its scorecard results beside its own self-score, and the actions it committed to
/// with their progress. Figures suppressed as published.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(MasamDbContext db, IConfiguration configuration, IStringLocalizer text) : PageModel
{
    public int Id { get; private set; }
    public string NameMn { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string AimagCode { get; private set; } = "";
    public string? SoumCode { get; private set; }
    public string UnitNameMn { get; private set; } = "";
    public string UnitNameEn { get; private set; } = "";
    public bool IsDemo { get; private set; }
    public string? Year { get; private set; }
    public SatisfactionCell? Total { get; private set; }
    public IReadOnlyList<SatisfactionCell> ByGender { get; private set; } = [];
    public IReadOnlyList<SvgCharts.TrendPoint> Trend { get; private set; } = [];
    public ScorecardFigures? Scorecards { get; private set; }
    public IReadOnlyList<ResponseAction> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Id, p.NameMn, p.NameEn, p.IsDemo, Unit = p.AdminUnit!, Parent = p.AdminUnit!.Parent })
            .FirstOrDefaultAsync(ct);
        if (provider is null) return NotFound();
        (Id, NameMn, NameEn, IsDemo) = (provider.Id, provider.NameMn, provider.NameEn, provider.IsDemo);
        (UnitNameMn, UnitNameEn, AimagCode) = (provider.Unit.NameMn, provider.Unit.NameEn, provider.Parent?.Code ?? provider.Unit.Code);
        SoumCode = provider.Parent is null ? null : provider.Unit.Code;
        Actions = await db.ResponseActions.AsNoTracking().Where(a => a.ResponsibleProviderId == id && a.Status != ActionStatus.Dropped)
            .OrderBy(a => a.Status == ActionStatus.Done).ThenBy(a => a.DueOn).Take(20).ToListAsync(ct);

        if (await PublicFigures.LatestMonthAsync(db, ct) is not { } month) return Page();
        var threshold = SatisfactionEndpoints.Threshold(configuration);
        Year = month.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var year = (await FigureScope.ReadAsync(db, text, new FieldErrors(), Year, null, id, null, ct))!;
        Total = (await SatisfactionEndpoints.CellsAsync(db, year, "dimension", "all", null, threshold, ct)).SingleOrDefault();
        ByGender = await SatisfactionEndpoints.CellsAsync(db, year, "dimension", "gender", null, threshold, ct);
        Trend = await PublicFigures.TrendAsync(db, text, month, null, id, threshold, ct);
        Scorecards = await ScorecardFigureEndpoints.ReadAsync(db, year, ct);
        return Page();
    }
}
