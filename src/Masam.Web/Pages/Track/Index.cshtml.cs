using Microsoft.AspNetCore.Authorization;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Track;

/// <summary>The citizen's view of their feedback: the same public view as the API, nothing more.</summary>
[AllowAnonymous]
public sealed class IndexModel(MasamDbContext db, TimeProvider clock, AnswerRating ratings, CitizenReopening reopening, IStringLocalizer text) : PageModel, Shared.IFormPage
{
    public string? Entered { get; private set; }
    public PublicFeedbackView? View { get; private set; }

    /// <summary>What is wrong with the code typed (beside the code box), or with a rating (beside the rating).</summary>
    public FieldErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        // The look-up form sends ?code=...; give it the tidy address it would have had.
        if (RouteData.Values["code"] is null && Request.Query["code"].FirstOrDefault() is { Length: > 0 } typed)
        {
            return TrackingCodes.Normalize(typed) is { } normalized
                ? Redirect($"/track/{TrackingCodes.Format(normalized)}")
                : ShowProblem(typed, "track.invalid", StatusCodes.Status400BadRequest);
        }

        if (code is null)
        {
            return Page();
        }

        var stored = TrackingCodes.Normalize(code);
        if (stored is null)
        {
            return ShowProblem(code, "track.invalid", StatusCodes.Status400BadRequest);
        }

        View = await PublicFeedbackView.FindAsync(db, stored, clock.GetUtcNow().UtcDateTime, ct);
        return View is null ? ShowProblem(code, "track.notFound", StatusCodes.Status404NotFound) : Page();
    }

    /// <summary>The citizen rates the answer; only once, and only once there is an answer.</summary>
    public async Task<IActionResult> OnPostRateAsync(string? code, int? rating, CancellationToken ct)
    {
        var stored = TrackingCodes.Normalize(code);
        if (stored is null)
        {
            return ShowProblem(code ?? "", "track.invalid", StatusCodes.Status400BadRequest);
        }

        if (rating is not (>= FeedbackRules.MinScore and <= FeedbackRules.MaxScore))
        {
            return await ShowWithProblemAsync(stored, "error.score.required", ct);
        }

        var outcome = await ratings.RateAsync(stored, rating.Value, User, ct);
        if (outcome == AnswerRating.Outcome.StaffSession)
        {
            var shown = await ShowWithProblemAsync(stored, "error.rating.staff", ct);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return shown;
        }

        return outcome == AnswerRating.Outcome.Rated
            ? Redirect($"/track/{TrackingCodes.Format(stored)}")
            : await ShowWithProblemAsync(stored, outcome == AnswerRating.Outcome.AlreadyRated ? "error.rating.once" : "error.rating.notAnswered", ct);
    }

    /// <summary>The citizen says the answer did not solve it: once, with a reason.</summary>
    public async Task<IActionResult> OnPostReopenAsync(string? code, string? reason, CancellationToken ct)
    {
        var stored = TrackingCodes.Normalize(code);
        if (stored is null)
        {
            return ShowProblem(code ?? "", "track.invalid", StatusCodes.Status400BadRequest);
        }

        var clean = UserText.Clean(reason);
        if (clean is null || clean.Length > FeedbackRules.ReasonMaxLength)
        {
            var shown = await ShowWithProblemAsync(stored, "error.reopen.reason", ct, "reason", FeedbackRules.ReasonMaxLength);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return shown;
        }

        var outcome = await reopening.ReopenAsync(stored, clean, User, ct);
        return outcome switch
        {
            CitizenReopening.Outcome.Reopened => Redirect($"/track/{TrackingCodes.Format(stored)}"),
            CitizenReopening.Outcome.NotFound => ShowProblem(stored, "track.notFound", StatusCodes.Status404NotFound),
            CitizenReopening.Outcome.StaffSession => await ShowWithProblemAsync(stored, "error.reopen.staff", ct, "reason"),
            CitizenReopening.Outcome.AlreadyReopened => await ShowWithProblemAsync(stored, "error.reopen.once", ct, "reason"),
            _ => await ShowWithProblemAsync(stored, "error.reopen.notAnswered", ct, "reason"),
        };
    }

    private async Task<IActionResult> ShowWithProblemAsync(string stored, string problem, CancellationToken ct, string field = "rating", params object[] arguments)
    {
        View = await PublicFeedbackView.FindAsync(db, stored, clock.GetUtcNow().UtcDateTime, ct);
        if (View is null)
        {
            return ShowProblem(stored, "track.notFound", StatusCodes.Status404NotFound);
        }

        Errors.Add(field, text[problem, arguments]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private PageResult ShowProblem(string entered, string problem, int status)
    {
        Entered = entered;
        Errors.Add("code", text[problem]);
        Response.StatusCode = status;
        return Page();
    }
}
