using Masam.Web.Data;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Maps;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages;

/// <summary>The home page: what Masam covers, and a map of the aimags coloured by satisfaction with the same figures as a table.</summary>
[AllowAnonymous]
public sealed class IndexModel(MasamDbContext db, AimagMap map, PublishedFigures figures, IStringLocalizer text) : PageModel
{
    /// <summary>The lower bounds of the map's colour classes, as satisfaction rates.</summary>
    public static readonly double[] Classes = [0, 0.5, 0.6, 0.7, 0.8];

    public int Aimags { get; private set; }
    public int Soums { get; private set; }
    public int Providers { get; private set; }
    public int Feedback { get; private set; }
    public bool HasDemoData { get; private set; }
    public AimagMap Map => map;
    public string? Period { get; private set; }
    public int Threshold { get; private set; }
    public IReadOnlyList<AimagFigure> Figures { get; private set; } = [];

    /// <summary>The nation's total of the same quarter, with its weighted rate.</summary>
    public SatisfactionCell? National { get; private set; }

    public sealed record AimagFigure(string Code, string NameMn, string NameEn, SatisfactionCell? Cell)
    {
        /// <summary>The colour class, 0-4, or null when there is no figure to show.</summary>
        public int? Class => Cell?.Rate is { } rate ? Array.FindLastIndex(Classes, c => rate >= c) : null;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Aimags = await db.AdminUnits.CountAsync(u => u.Level == AdminUnitLevel.First, ct);
        Soums = await db.AdminUnits.CountAsync(u => u.Level == AdminUnitLevel.Second, ct);
        Providers = await db.Providers.CountAsync(p => p.IsActive, ct);
        Feedback = await db.Feedback.CountAsync(ct);
        HasDemoData = await db.Providers.AnyAsync(p => p.IsDemo, ct);

        var latest = await figures.LatestQuarterAsync(ct);
        var aimags = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.First).OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.NameMn, u.NameEn }).ToListAsync(ct);
        var cells = new Dictionary<string, SatisfactionCell>();
        if (latest is { } quarter)
        {
            Period = FigureText.Period(text, quarter);
            cells = (await figures.SatisfactionAsync(new SatisfactionQuery(new FigureScope(quarter), FigureBreakdown.AdminUnit), ct)).Cells
                .ToDictionary(c => c.Value);
            National = await figures.TotalAsync(new FigureScope(quarter), ct);
        }

        Threshold = figures.Threshold;
        Figures = [.. aimags.Select(a => new AimagFigure(a.Code, a.NameMn, a.NameEn, cells.GetValueOrDefault(a.Code)))
            .OrderBy(f => Localization.Cultures.Pick(f.NameMn, f.NameEn), Localization.Cultures.Alphabetical)];
    }
}
