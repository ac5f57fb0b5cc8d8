using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Maps;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.ProviderPage;

/// <summary>
/// A provider: its satisfaction in the latest quarter that has ended, with the interval, the trend
/// by quarter, its scorecard results beside its own self-score, and the actions it committed to
/// with their progress. Figures hidden as published; a single provider's figures are not broken
/// down by group of respondents (see the README's method section).
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(MasamDbContext db, PublishedFigures figures, IStringLocalizer text, Microsoft.Extensions.Options.IOptions<Features.Sms.SmsOptions> sms) : PageModel
{
    public int Id { get; private set; }
    public string NameMn { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string AimagCode { get; private set; } = "";
    public string? SoumCode { get; private set; }
    public string UnitNameMn { get; private set; } = "";
    public string UnitNameEn { get; private set; } = "";
    public bool IsDemo { get; private set; }
    /// <summary>The provider's SMS code, when SMS is on here.</summary>
    public string? SmsCode { get; private set; }

    public string? SmsNumber => sms.Value.ShortNumber;
    public string? Period { get; private set; }
    public SatisfactionCell? Total { get; private set; }
    public IReadOnlyList<SvgCharts.TrendPoint> Trend { get; private set; } = [];
    public ScorecardFigures? Scorecards { get; private set; }
    public IReadOnlyList<ResponseAction> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Id, p.NameMn, p.NameEn, p.IsDemo, p.SmsCode, Unit = p.AdminUnit!, Parent = p.AdminUnit!.Parent })
            .FirstOrDefaultAsync(ct);
        if (provider is null) return NotFound();
        (Id, NameMn, NameEn, IsDemo) = (provider.Id, provider.NameMn, provider.NameEn, provider.IsDemo);
        SmsCode = sms.Value.Enabled ? provider.SmsCode : null;
        (UnitNameMn, UnitNameEn, AimagCode) = (provider.Unit.NameMn, provider.Unit.NameEn, provider.Parent?.Code ?? provider.Unit.Code);
        SoumCode = provider.Parent is null ? null : provider.Unit.Code;
        Actions = await db.ResponseActions.AsNoTracking().Where(a => a.ResponsibleProviderId == id && a.Status != ActionStatus.Dropped)
            .OrderBy(a => a.Status == ActionStatus.Done).ThenBy(a => a.DueOn).Take(20).ToListAsync(ct);

        if (await figures.LatestQuarterAsync(ct) is not { } quarter) return Page();
        Period = FigureText.Period(text, quarter);
        var scope = new FigureScope(quarter, ProviderId: id);
        Total = await figures.TotalAsync(scope, ct);
        Trend = [.. (await figures.TrendAsync(scope, 8, ct)).Select(t => new SvgCharts.TrendPoint(t.Quarter.Name, t.Cell?.Rate, t.Cell?.RateLower, t.Cell?.RateUpper))];
        Scorecards = await figures.ScorecardsAsync(scope.WithPeriod(FigurePeriod.Parse(quarter.FirstMonth.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))!), ct);
        return Page();
    }
}
