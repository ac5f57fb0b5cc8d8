using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Figures;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Publications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Staff;

/// <summary>
/// Reports within the account's remit: draft one for an ended quarter or year, follow its
/// generation (the page refreshes itself while a draft is being made, with no script), review its
/// files, publish it; correct a published one with a new edition. A refused request comes back
/// with what was chosen, the reason in the summary and beside the field or the row it concerns.
/// </summary>
[Authorize(Policy = AccountsFeature.PublisherPolicy)]
public sealed class PublicationsModel(MasamDbContext db, PublicationWorkflow publications, CurrentStaff staff) : Shared.ChangePageModel
{
    private const string Self = "/staff/publications";

    public IReadOnlyList<Publication> Items { get; private set; } = [];
    public IReadOnlyList<(string Code, string NameMn, string NameEn)> Units { get; private set; } = [];
    public IReadOnlyList<FigurePeriod> Periods { get; private set; } = [];
    public bool MayDraftNational => staff.Role is StaffRoles.Admin or StaffRoles.MinistryAnalyst;

    /// <summary>The unit's name in the reader's language, or its code when it is not one the reader may draft for.</summary>
    public string UnitName(string code) =>
        Units.FirstOrDefault(u => u.Code == code) is { Code: not null } unit ? $"{Masam.Web.Localization.Cultures.Pick(unit.NameMn, unit.NameEn)} ({code})" : code;

    public bool Working => Items.Any(p => p.Status is PublicationStatus.Queued or PublicationStatus.Generating);

    /// <summary>What the draft form was sent with, kept when it is refused.</summary>
    public DraftRequest Asked { get; private set; } = new(null, null, null, null);

    /// <summary>The publication a refused publish was about: its row shows why.</summary>
    public int? RefusedId { get; private set; }

    public static string RowId(int id) => $"publication-{id}";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDraftAsync(string? period, string? unit, int? replaces, string? reason, CancellationToken ct)
    {
        Asked = new DraftRequest(period, unit == "national" ? null : unit, replaces, reason);
        return await AfterChangeAsync(await publications.RequestAsync(Asked, ct), Self, () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, int version, CancellationToken ct)
    {
        var result = await AfterChangeAsync(await publications.PublishAsync(id, version, ct), Self, () => LoadAsync(ct));
        if (Errors.Any || Problem is not null)
        {
            // Nothing on this form is typed: whatever refused it (a stale version, a state) belongs to the row.
            Problem = string.Join(" ", Errors.All.Select(e => e.Message).Prepend(Problem).OfType<string>());
            Errors = new();
            RefusedId = id;
            ProblemAnchor = RowId(id);
        }

        return result;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Periods = publications.DraftablePeriods();
        Items = await publications.Visible().Include(p => p.Files).OrderByDescending(p => p.UpdatedAt).Take(100).ToListAsync(ct);
        var units = db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.First || u.Kind == AdminUnitKind.District);
        if (!staff.Scope.IsNational)
        {
            var paths = staff.Scope.UnitPaths;
            units = units.Where(u => paths.Any(p => u.Path.StartsWith(p)));
        }

        var rows = await units.Select(u => new { u.Code, u.NameMn, u.NameEn }).ToListAsync(ct);
        Units = [.. rows.OrderBy(u => Masam.Web.Localization.Cultures.Pick(u.NameMn, u.NameEn), Masam.Web.Localization.Cultures.Alphabetical)
            .Select(u => (u.Code, u.NameMn, u.NameEn))];
        return true;
    }
}
