using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Staff;

/// <summary>
/// Phone intake: an operator takes feedback on a caller's behalf (channel <c>phone</c>), through the
/// same intake and writer as the web form, reads the tracking code back, and looks up a caller's
/// item by its code (the same public view the caller would see). No caller id is taken or kept.
/// </summary>
[Authorize(Policy = AccountsFeature.IntakePolicy)]
public sealed class IntakeModel(MasamDbContext db, ProviderDirectory providers, FeedbackIntake intake, FeedbackWriter writer,
    Features.Sms.PhoneHasher hasher, TimeProvider clock, IStringLocalizer text) : PageModel, Shared.IFormPage
{
    public FieldErrors Errors { get; } = new();

    [BindProperty]
    public IntakeForm Input { get; set; } = new();

    public string? Query { get; private set; }
    public IReadOnlyList<(string Name, string Unit, string? SmsCode)>? Matches { get; private set; }
    public string? Code { get; private set; }
    public PublicFeedbackView? Found { get; private set; }
    public string? TakenCode { get; private set; }

    public async Task OnGetAsync(string? q, string? code, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            Query = q.Trim();
            Matches = [.. (await ProviderSearch.Matching(db.Providers.AsNoTracking().Where(p => p.IsActive), Query)
                    .OrderBy(p => p.AdminUnit!.Path).ThenBy(p => p.NameMn)
                    .Select(p => new { p.NameMn, p.NameEn, UnitMn = p.AdminUnit!.NameMn, UnitEn = p.AdminUnit.NameEn, p.SmsCode })
                    .Take(20).ToListAsync(ct))
                .Select(p => (Localization.Cultures.Pick(p.NameMn, p.NameEn), Localization.Cultures.Pick(p.UnitMn, p.UnitEn), p.SmsCode))];
        }

        if (!string.IsNullOrWhiteSpace(code))
        {
            Code = code.Trim();
            var stored = TrackingCodes.Normalize(code);
            Found = stored is null ? null : await PublicFeedbackView.FindAsync(db, stored, clock.GetUtcNow().UtcDateTime, ct);
            if (Found is null)
            {
                Errors.Add("code", text[stored is null ? "track.invalid" : "track.notFound"]);
            }
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var smsCode = ProviderSmsCodes.Normalize(Input.Provider);
        int? providerId = null;
        if (string.IsNullOrWhiteSpace(Input.Provider))
        {
            Errors.Add("provider", text["error.intake.providerRequired"]);
        }
        else if (smsCode is null || await providers.FindBySmsCodeAsync(smsCode, ct) is not { } found)
        {
            Errors.Add("provider", text["error.intake.provider", Input.Provider.Trim()]);
        }
        else
        {
            providerId = found;
        }

        var request = new SubmitFeedbackRequest
        {
            ProviderId = providerId ?? 0, Score = int.TryParse(Input.Score, out var score) ? score : null, Comment = Input.Comment,
            Channel = WireEnum<FeedbackChannel>.Name(FeedbackChannel.Phone),
            Contact = new FeedbackContactDetails { Phone = Input.ContactPhone, Email = Input.ContactEmail, Notify = Input.Notify },
        };
        var (valid, errors) = await intake.ValidateAsync(request, ct);
        foreach (var (field, message) in errors.All.Where(e => e.Field != "providerId"))
        {
            Errors.Add(field, message);
        }

        if (Errors.Any || valid is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // A caller who gave a number is that phone's voice (as by SMS); otherwise the operator's own, once a provider and month.
        var voice = valid.Contact?.Phone is { } phone ? Voices.Phone(hasher.Hash(phone)) : Voices.Operator(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var receipt = await writer.SubmitAsync(valid with { Voice = voice }, null, ct);
        TakenCode = receipt.TrackingCode;
        Input = new IntakeForm();
        return Page();
    }

    public sealed class IntakeForm
    {
        public string? Provider { get; set; }
        public string? Score { get; set; }
        public string? Comment { get; set; }
        public string? ContactPhone { get; set; }
        public string? ContactEmail { get; set; }
        public bool Notify { get; set; }
    }
}
