using Masam.Web.Features.Accounts;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Scorecards;
using Masam.Web.Features.Scorecards.Import;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Staff.Scorecards;

/// <summary>
/// A cycle's page: its results (each group's score side by side, the community score, the
/// self-score and the gap) and the form the current stage needs, so that a facilitator runs the
/// whole cycle here with the same rules as the API.
/// </summary>
[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class ResultsModel(
    Features.Scorecards.ScorecardCycles cards, ScorecardImporter importer, Masam.Web.Data.MasamDbContext db, CurrentStaff staff,
    Microsoft.Extensions.Localization.IStringLocalizer text, Microsoft.Extensions.Options.IOptions<ImportOptions> limits) : Shared.ChangePageModel
{
    public ScorecardResults? Results { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Library { get; private set; } = [];
    public ImportReport? Imported { get; private set; }

    public bool CanEdit => staff.Role is StaffRoles.CsoFacilitator or StaffRoles.LocalOfficial or StaffRoles.ProviderManager;

    /// <summary>Whether the account runs the community's side (a provider's manager only self-assesses and records the meeting).</summary>
    public bool RunsCommunitySide => cards.RunsCommunitySide;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A typed line of input tracking and a custom indicator have no input of their own: the summary links to their box.</summary>
    public string AnchorFor(string field) =>
        field.StartsWith("lines[", StringComparison.Ordinal) ? Shared.IFormPage.FieldId("lines")
        : field.StartsWith("custom[", StringComparison.Ordinal) ? Shared.IFormPage.FieldId("customMn")
        : Shared.IFormPage.FieldId(field);

    public Task<IActionResult> OnPostStageAsync(int id, string? stage, int version, CancellationToken ct) =>
        ChangeAsync(id, () => cards.AdvanceAsync(id, new AdvanceStageRequest { Stage = stage, Version = version }, ct), ct);

    public Task<IActionResult> OnPostIndicatorsAsync(int id, List<string>? codes, string? customMn, string? customEn, int version, CancellationToken ct) =>
        ChangeAsync(id, () => cards.AddIndicatorsAsync(id, new AddIndicatorsRequest
        {
            LibraryCodes = codes ?? [],
            Custom = string.IsNullOrWhiteSpace(customMn) ? [] : [new CustomIndicator(customMn, customEn)],
            Version = version,
        }, ct), ct);

    public Task<IActionResult> OnPostGroupAsync(int id, AddFocusGroupRequest group, CancellationToken ct) =>
        ChangeAsync(id, () => cards.AddFocusGroupAsync(id, group, ct), ct);

    public Task<IActionResult> OnPostInputTrackingAsync(int id, string? lines, int version, CancellationToken ct) =>
        ChangeAsync(id, () => cards.SetInputTrackingAsync(id, new InputTrackingRequest
        {
            // One line per entry: item | entitled | actual | remark.
            Lines = [.. (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
                .Select(p => new InputTrackingRow(p.ElementAtOrDefault(0), p.ElementAtOrDefault(1), p.ElementAtOrDefault(2), p.ElementAtOrDefault(3)))],
            Version = version,
        }, ct), ct);

    public Task<IActionResult> OnPostMeetingAsync(int id, DateOnly? heldOn, int? attendance, string? notes, int version, CancellationToken ct) =>
        ChangeAsync(id, () => cards.RecordInterfaceMeetingAsync(id, new InterfaceMeetingRequest { HeldOn = heldOn, Attendance = attendance, Notes = notes, Version = version }, ct), ct);

    public Task<IActionResult> OnPostPlanAsync(int id, string? title, DateOnly? dueOn, string? costMnt, string? fundingSource, int version, CancellationToken ct) =>
        ChangeAsync(id, async () => RefusedAmount("items[0].costMnt", costMnt, out var cost) ?? await cards.AgreeActionPlanAsync(id, new ActionPlanRequest
        {
            Items = [new CreateActionRequest { Title = title, DueOn = dueOn, CostMnt = cost, FundingSource = fundingSource }],
            Version = version,
        }, ct), ct);

    public async Task<IActionResult> OnPostImportAsync(int id, IFormFile? file, string? format, bool approvedOnly, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (file is null || format is not ("kobo" or "odk"))
        {
            var errors = new FieldErrors();
            errors.Add("file", file is null ? text["error.import.noFile"] : text["error.import.format", format ?? ""]);
            return await ShowAsync(id, ChangeOutcome.Invalid(errors), ct);
        }

        if (file.Length > limits.Value.ImportMaxBytes)
        {
            var errors = new FieldErrors();
            errors.Add("file", text["problem.tooLarge.detail", limits.Value.ImportMaxBytes / 1024]);
            var shown = await ShowAsync(id, ChangeOutcome.Invalid(errors), ct);
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return shown;
        }

        var buffer = await ExportReader.ReadAllAsync(file, ct);
        var (report, problem) = await importer.ImportAsync(id, format, buffer, approvedOnly, "csc-focus-group", ct);
        if (problem is not null)
        {
            return await ShowAsync(id, problem, ct);
        }

        Imported = report;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> ChangeAsync(int id, Func<Task<ChangeOutcome>> change, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        return await ShowAsync(id, await change(), ct);
    }

    private Task<IActionResult> ShowAsync(int id, ChangeOutcome outcome, CancellationToken ct) =>
        AfterChangeAsync(outcome, $"/staff/scorecards/{id}", () => LoadAsync(id, ct));

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Results = await cards.ResultsAsync(id, ct);
        if (Results is null) return false;
        var english = Localization.Cultures.IsEnglish();
        // The provider's own sector's indicators; community-raised ones cover the rest.
        var sector = await db.Providers.Where(p => p.Id == Results.ProviderId).Select(p => p.Type!.SectorCode).FirstAsync(ct);
        Library = (await db.ScorecardIndicators.AsNoTracking().Where(i => i.SectorCode == sector).OrderBy(i => i.Code)
            .Select(i => new { i.Code, Name = english ? i.NameEn : i.NameMn }).ToListAsync(ct))
            .Select(i => (i.Code, i.Name)).ToList();
        return true;
    }
}
