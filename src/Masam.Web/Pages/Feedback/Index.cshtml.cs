using Microsoft.AspNetCore.Authorization;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Pages.Feedback;

/// <summary>
/// The citizen's form: aimag, then soum or district, then provider, each a plain GET step so
/// that it works with JavaScript off; then the score and the rest, posted once.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.FeedbackPolicy)]
public sealed class IndexModel(MasamDbContext db, FeedbackIntake intake, FeedbackWriter writer) : PageModel, Shared.IFormPage
{
    [BindProperty(SupportsGet = true)] public string? Aimag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Soum { get; set; }
    [BindProperty(SupportsGet = true)] public int? Provider { get; set; }
    [BindProperty] public FeedbackForm Form { get; set; } = new();

    public IReadOnlyList<Choice> Aimags { get; private set; } = [];
    public IReadOnlyList<Choice> Soums { get; private set; } = [];
    public IReadOnlyList<Choice> Providers { get; private set; } = [];
    public IReadOnlyList<Choice> ServiceLines { get; private set; } = [];
    public Choice? SelectedProvider { get; private set; }
    public FieldErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        VoiceCookie.Ensure(HttpContext);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = Form.ToRequest(Provider);
        var (feedback, errors) = await intake.ValidateAsync(request, ct);
        if (feedback is null)
        {
            Errors = errors;
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var receipt = await writer.SubmitAsync(feedback.Speaking(HttpContext), key: null, ct);
        return RedirectToPage("Sent", new { code = receipt.TrackingCode });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var english = Cultures.IsEnglish();
        Aimags = InReadersOrder(await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminUnitLevel.First)
            .Select(u => new Choice(u.Code, english ? u.NameEn : u.NameMn, false)).ToListAsync(ct));
        if (Aimags.All(a => a.Value != Aimag))
        {
            (Aimag, Soum, Provider) = (null, null, null);
            return;
        }

        Soums = InReadersOrder(await db.AdminUnits.AsNoTracking().Where(u => u.Parent!.Code == Aimag)
            .Select(u => new Choice(u.Code, english ? u.NameEn : u.NameMn, false)).ToListAsync(ct));
        if (Soums.All(s => s.Value != Soum))
        {
            (Soum, Provider) = (null, null);
            return;
        }

        Providers = InReadersOrder(await db.Providers.AsNoTracking().Where(p => p.IsActive && p.AdminUnit!.Code == Soum)
            .Select(p => new Choice(p.Id.ToString(), english ? p.NameEn : p.NameMn, p.IsDemo)).ToListAsync(ct));
        SelectedProvider = Providers.FirstOrDefault(p => p.Value == Provider?.ToString());
        if (SelectedProvider is null)
        {
            Provider = null;
            return;
        }

        ServiceLines = InReadersOrder(await db.Providers.AsNoTracking().Where(p => p.Id == Provider)
            .SelectMany(p => p.ServiceLines)
            .Select(l => new Choice(l.Code, english ? l.NameEn : l.NameMn, false)).ToListAsync(ct));
    }

    /// <summary>Choices in the reader's alphabetical order (Mongolian: Ө after О, Ү after У), not by character code.</summary>
    private static List<Choice> InReadersOrder(List<Choice> choices) => [.. choices.OrderBy(c => c.Label, Cultures.Alphabetical)];

    public sealed record Choice(string Value, string Label, bool IsDemo);
}
