using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Publications;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Staff;

/// <summary>
/// Reports within the account's remit: draft one for a quarter or year, follow its generation (the
/// page refreshes itself while a draft is being made, with no script), review its files, publish it
/// or discard it; correct a published one with a new edition.
/// </summary>
[Authorize(Policy = AccountsFeature.PublisherPolicy)]
public sealed class PublicationsModel(MasamDbContext db, PublicationWorkflow publications, CurrentStaff staff, IStringLocalizer text) : PageModel
{
    public IReadOnlyList<Publication> Items { get; private set; } = [];
    public IReadOnlyList<(string Code, string NameMn, string NameEn)> Units { get; private set; } = [];
    public bool MayDraftNational => staff.Role is StaffRoles.Admin or StaffRoles.MinistryAnalyst;
    /// <summary>The unit's name in the reader's language, or its code when it is not one the reader may draft for.</summary>
    public string UnitName(string code) =>
        Units.FirstOrDefault(u => u.Code == code) is { Code: not null } unit ? $"{Masam.Web.Localization.Cultures.Pick(unit.NameMn, unit.NameEn)} ({code})" : code;

    public bool Working => Items.Any(p => p.Status is PublicationStatus.Queued or PublicationStatus.Generating);
    public string? Message { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDraftAsync(string? period, string? unit, int? replaces, string? reason, CancellationToken ct) =>
        await AfterAsync(await publications.RequestAsync(new DraftRequest(period, unit == "national" ? null : unit, replaces, reason), ct), ct);

    public async Task<IActionResult> OnPostPublishAsync(int id, int version, CancellationToken ct) =>
        await AfterAsync(await publications.PublishAsync(id, version, ct), ct);

    private async Task<IActionResult> AfterAsync(ChangeOutcome outcome, CancellationToken ct)
    {
        if (outcome.Result == ChangeResult.Done)
        {
            return RedirectToPage();
        }

        Errors = outcome.Result switch
        {
            ChangeResult.Invalid => [.. outcome.Errors!.ToDictionary().SelectMany(e => e.Value)],
            ChangeResult.Refused => [outcome.Detail!],
            ChangeResult.Stale => [text["error.review.stale", outcome.CurrentVersion!]],
            ChangeResult.Forbidden => [text["problem.forbidden.detail"]],
            _ => [text["problem.notFound.title"]],
        };
        Response.StatusCode = outcome.Result switch
        {
            ChangeResult.Invalid => StatusCodes.Status400BadRequest,
            ChangeResult.Forbidden => StatusCodes.Status403Forbidden,
            ChangeResult.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await publications.Visible().Include(p => p.Files).OrderByDescending(p => p.UpdatedAt).Take(100).ToListAsync(ct);
        var units = db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.First || u.Kind == AdminUnitKind.District);
        if (!staff.Scope.IsNational)
        {
            var paths = staff.Scope.UnitPaths;
            units = units.Where(u => paths.Any(p => u.Path.StartsWith(p)));
        }

        Units = [.. (await units.OrderBy(u => u.Code).Select(u => new { u.Code, u.NameMn, u.NameEn }).ToListAsync(ct)).Select(u => (u.Code, u.NameMn, u.NameEn))];
    }
}
