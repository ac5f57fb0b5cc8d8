using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Pages.Shared;

/// <summary>
/// A staff page that makes a versioned change: done, it goes on; refused, it shows itself again
/// with why (<c>_ErrorSummary</c>), with the status an API client would get for the same outcome.
/// </summary>
public abstract class ChangePageModel : PageModel, IFormPage
{
    public FieldErrors Errors { get; protected set; } = new();

    /// <summary>What stopped the change as a whole, in the reader's language.</summary>
    public string? Problem { get; protected set; }

    /// <summary>Where on the page the refused change was asked for (a row, a form), to link the summary to.</summary>
    public string? ProblemAnchor { get; protected set; }

    /// <summary>What was typed in a field of the form just sent, to show it again when the form is refused.</summary>
    public string? Typed(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : null;

    /// <summary>Whether the form just sent was the one for <paramref name="handler"/> (to open it again when refused).</summary>
    public bool Sent(string handler) =>
        HttpMethods.IsPost(Request.Method) && string.Equals(Request.Query["handler"], handler, StringComparison.OrdinalIgnoreCase);

    private IStringLocalizer Text => HttpContext.RequestServices.GetRequiredService<IStringLocalizer>();

    /// <summary>
    /// An amount of tögrög typed on the form (<see cref="Amounts"/>): refused with the field's
    /// message, never taken as no amount.
    /// </summary>
    protected ChangeOutcome? RefusedAmount(string field, string? typed, out decimal? amount)
    {
        if (Amounts.TryParse(typed, out amount))
        {
            return null;
        }

        var errors = new FieldErrors();
        errors.Add(field, Text["error.amount.format", typed!.Trim()]);
        return ChangeOutcome.Invalid(errors);
    }

    /// <summary>
    /// Done: to <paramref name="done"/>. Not found: 404. Forbidden: 403. Otherwise the page again,
    /// once <paramref name="reload"/> has read it (false: it is gone, 404), with the errors.
    /// </summary>
    protected async Task<IActionResult> AfterChangeAsync(ChangeOutcome outcome, string done, Func<Task<bool>> reload)
    {
        switch (outcome.Result)
        {
            case ChangeResult.Done: return Redirect(done);
            case ChangeResult.NotFound: return NotFound();
            case ChangeResult.Forbidden: return Forbid();
        }

        if (!await reload())
        {
            return NotFound();
        }

        Errors = outcome.Errors ?? new FieldErrors();
        Problem = outcome.Result == ChangeResult.Stale
            ? Text["error.review.stale.page"]
            : outcome.Detail;
        Response.StatusCode = outcome.Result == ChangeResult.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }
}
