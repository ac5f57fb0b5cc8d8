using Masam.Web.Features.Figures;
using Masam.Web.Features.Scrutiny;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Staff;

/// <summary>
/// The analysts' page of flags: each flagged provider of a quarter with its evidence in words, and
/// the hold on its figure (placed with a reason, released or confirmed with one).
/// </summary>
[Authorize(Roles = ScrutinyEndpoints.Roles)]
public sealed class FlagsModel(ScrutinyFlags flags, FigureHolds holds, TimeProvider clock, IStringLocalizer text) : PageModel, Shared.IFormPage
{
    public FieldErrors Errors { get; } = new();
    public FigurePeriod Quarter { get; private set; } = null!;
    public IReadOnlyList<FlagView> Flags { get; private set; } = [];
    public IReadOnlyList<HoldView> Holds { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? period, CancellationToken ct) => await LoadAsync(period, ct);

    public async Task<IActionResult> OnPostHoldAsync(string? period, string? provider, string? reason, CancellationToken ct)
    {
        var (hold, errors) = await holds.HoldAsync(new HoldRequest { Provider = provider, Period = period, Reason = reason }, ct);
        Errors.Add(errors);
        if (hold is not null) Done = text["flags.heldDone", hold.ProviderName, hold.Period];
        await LoadAsync(period, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string? period, int id, string? decision, bool confirm, CancellationToken ct)
    {
        var (hold, errors) = await holds.DecideAsync(id, confirm, decision, ct);
        Errors.Add(errors);
        if (hold is not null) Done = text[confirm ? "flags.confirmedDone" : "flags.releasedDone", hold.ProviderName, hold.Period];
        else if (!errors.Any) return NotFound();
        await LoadAsync(period, ct);
        return Page();
    }

    private async Task LoadAsync(string? period, CancellationToken ct)
    {
        var current = FigurePeriod.QuarterOf(MongolianTime.MonthOf(clock.GetUtcNow().UtcDateTime));
        Quarter = FigurePeriod.Parse(period) is { Months: 3 } asked ? asked : current;
        if (period is not null && Quarter == current && !string.Equals(period, current.Name, StringComparison.OrdinalIgnoreCase))
        {
            Errors.Add("period", text["error.hold.period", period]);
        }

        Flags = await flags.ListAsync(Quarter.Name, null, withCleared: false, ct);
        Holds = await holds.ListAsync(Quarter.Name, ct);
    }
}
