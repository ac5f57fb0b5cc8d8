using Masam.Web.Features.Accounts;
using Masam.Web.Features.Visits;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Pages.Staff;

/// <summary>
/// Service visits and the survey: the month's response rates within the account's scope, the visit
/// file upload for a centre without a system (stored whole or not at all), and the text visitors are
/// shown at the counter and on the poster, in both languages.
/// </summary>
[Authorize(Roles = VisitEndpoints.StaffRolesSeeingVisits)]
[RequestSizeLimit(MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes)]
public sealed class VisitsModel(SurveyRates rates, SourceFigures sources, VisitImport import, CurrentStaff staff, IOptions<VisitOptions> options, TimeProvider clock, IStringLocalizer text)
    : PageModel, Shared.IFormPage
{
    /// <summary>The largest file the page takes (the API's limit is <see cref="VisitOptions.FileMaxBytes"/>).</summary>
    public const int MaxFileBytes = 100 * 1024 * 1024;

    public FieldErrors Errors { get; } = new();
    public DateOnly Month { get; private set; }
    public IReadOnlyList<SurveyRateRow> Rates { get; private set; } = [];

    /// <summary>The month's satisfaction per provider, verified beside self-selected.</summary>
    public IReadOnlyList<SourceFigureRow> BySource { get; private set; } = [];
    public VisitImportResult? Imported { get; private set; }
    public bool MayUpload => staff.Role is not StaffRoles.MinistryAnalyst;
    public int RetentionDays => (int)Math.Ceiling(options.Value.PhoneRetention.TotalDays);

    /// <summary>The refused rows' problems, as "row 12: ..." lines.</summary>
    public IReadOnlyList<string> RowProblems { get; private set; } = [];

    public async Task OnGetAsync(string? month, CancellationToken ct) => await LoadAsync(month, ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!MayUpload) return Forbid();
        if (file is null || file.Length == 0)
        {
            Errors.Add("file", text["error.visitFile.empty"]);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Imported = await import.ImportAsync(stream, file.FileName, new VisitColumns(), ct);
            foreach (var message in Imported.Errors.For("file")) Errors.Add("file", message);
            RowProblems = [.. Imported.Errors.All.Where(e => e.Field != "file").Select(e => text["visits.rowProblem", RowOf(e.Field), e.Message].Value)];
        }

        await LoadAsync(null, ct);
        return Page();
    }

    private async Task LoadAsync(string? month, CancellationToken ct)
    {
        Month = SurveyRates.ParseMonth(month) ?? MongolianTime.MonthOf(clock.GetUtcNow().UtcDateTime);
        if (month is not null && SurveyRates.ParseMonth(month) is null) Errors.Add("month", text["error.visit.month", month]);
        Rates = await rates.ForMonthAsync(Month, ct);
        BySource = await sources.ForAsync(Features.Figures.FigurePeriod.Parse(Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))!, ct);
    }

    /// <summary><c>rows[12].phone</c> as 12.</summary>
    private static string RowOf(string field) => field.StartsWith("rows[", StringComparison.Ordinal) ? field[5..field.IndexOf(']')] : field;
}
