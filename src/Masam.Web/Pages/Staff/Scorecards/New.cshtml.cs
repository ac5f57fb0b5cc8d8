using Masam.Web.Features.Accounts;
using Masam.Web.Features.Providers;
using Masam.Web.Features.Scorecards;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Staff.Scorecards;

/// <summary>Plans a new cycle: a provider in the account's scope, the period, the facilitating group, the first indicators.</summary>
[Authorize(Policy = ScorecardsFeature.EditorPolicy)]
public sealed class NewModel(Features.Scorecards.ScorecardCycles cards, Masam.Web.Data.MasamDbContext db, CurrentStaff staff) : Shared.ChangePageModel
{
    public IReadOnlyList<(int Id, string Name)> Providers { get; private set; } = [];
    public IReadOnlyList<(string Code, string Sector, string Name)> Library { get; private set; } = [];

    /// <summary>A provider's manager self-assesses; planning a cycle is the community's side.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!cards.RunsCommunitySide) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? providerId, DateOnly? periodStart, DateOnly? periodEnd, string? facilitatingGroup, List<string>? codes, CancellationToken ct)
    {
        var outcome = await cards.CreateAsync(new CreateCycleRequest
        {
            ProviderId = providerId, PeriodStart = periodStart, PeriodEnd = periodEnd, FacilitatingGroup = facilitatingGroup, Indicators = codes ?? [],
        }, ct);
        return outcome.CreatedId is { } id
            ? Redirect($"/staff/scorecards/{id}")
            : await AfterChangeAsync(outcome, "/staff/scorecards", async () =>
            {
                await LoadAsync(ct);
                return true;
            });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var english = Localization.Cultures.IsEnglish();
        Providers = (await db.Providers.AsNoTracking().Where(p => p.IsActive)
                .Where(staff.Scope.Filter<Provider>(p => p.Id, p => p.AdminUnit!.Path))
                .OrderBy(p => p.AdminUnit!.Path).ThenBy(p => p.NameMn).Take(1000)
                .Select(p => new { p.Id, Name = english ? p.NameEn : p.NameMn }).ToListAsync(ct))
            .OrderBy(p => p.Name, Localization.Cultures.Alphabetical).Select(p => (p.Id, p.Name)).ToList();
        // Grouped by the sector's name (not its code), in the reader's alphabet.
        var indicators = await db.ScorecardIndicators.AsNoTracking()
            .Join(db.Sectors, i => i.SectorCode, s => s.Code, (i, s) => new { i.Code, Sector = english ? s.NameEn : s.NameMn, Name = english ? i.NameEn : i.NameMn })
            .ToListAsync(ct);
        Library = [.. indicators.OrderBy(i => i.Sector, Localization.Cultures.Alphabetical).ThenBy(i => i.Name, Localization.Cultures.Alphabetical)
            .Select(i => (i.Code, i.Sector, i.Name))];
    }
}
