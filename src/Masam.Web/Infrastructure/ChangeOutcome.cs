using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Infrastructure;

/// <summary>How a staff change to a versioned record ended, and the answer each ending gets.</summary>
public sealed record ChangeOutcome(ChangeResult Result, int? CurrentVersion = null, string? Detail = null, FieldErrors? Errors = null, int? CreatedId = null)
{
    public static readonly ChangeOutcome Done = new(ChangeResult.Done);
    public static readonly ChangeOutcome NotFound = new(ChangeResult.NotFound);

    public static ChangeOutcome Created(int id) => new(ChangeResult.Done, CreatedId: id);

    public static ChangeOutcome Invalid(FieldErrors errors) => new(ChangeResult.Invalid, Errors: errors);

    public static ChangeOutcome Refused(string detail) => new(ChangeResult.Refused, Detail: detail);

    public static ChangeOutcome Stale(int current) => new(ChangeResult.Stale, CurrentVersion: current);

    /// <summary>Outside the account's remit, for a change that names its target (not a record looked up by id, which is 404).</summary>
    public static readonly ChangeOutcome Forbidden = new(ChangeResult.Forbidden);

    /// <summary>Outside the account's remit, saying which remit (<paramref name="detailKey"/>: the text that says it).</summary>
    public static ChangeOutcome ForbiddenFor(string detailKey) => new(ChangeResult.Forbidden, Detail: detailKey);

    /// <summary>The answer to a change the account's role may not make: the text of <paramref name="detailKey"/>, or a general one.</summary>
    public static ProblemHttpResult ForbiddenProblem(IStringLocalizer text, string? detailKey = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: text["problem.forbidden.title"], detail: text[detailKey ?? "problem.forbidden.detail"]);

    /// <summary>
    /// 200 with the record as it now is; 400 naming the fields; 409 for a change the record's state
    /// refuses, or for an edit made against an older version (with the current one); 404.
    /// </summary>
    public async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ToHttpResultAsync<T>(
        Func<Task<T?>> current, IStringLocalizer text, string notFoundDetail) where T : class =>
        Result switch
        {
            ChangeResult.Done when await current() is { } record => TypedResults.Ok(record),
            ChangeResult.Invalid => Errors!.ToProblem(text),
            ChangeResult.Refused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.review.refused"], detail: Detail),
            ChangeResult.Forbidden => ForbiddenProblem(text, Detail),
            ChangeResult.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.review.stale"],
                detail: text["error.review.stale", CurrentVersion!], extensions: new Dictionary<string, object?> { ["currentVersion"] = CurrentVersion }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: notFoundDetail),
        };
}

public static class ChangeEndpoint
{
    /// <summary>
    /// The shape of every versioned staff change over HTTP (its body bound as a <see cref="JsonBody{T}"/>):
    /// apply the change, answer with the record as it now is or with the problem.
    /// </summary>
    public static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> RunAsync<TView>(
        HttpContext context, Task<ChangeOutcome> change, Func<CancellationToken, Task<TView?>> current, string notFoundKey, object id, CancellationToken ct)
        where TView : class
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer>();
        var outcome = await change;
        return await outcome.ToHttpResultAsync(() => current(ct), text, text[notFoundKey, id]);
    }
}

public enum ChangeResult
{
    Done,
    NotFound,
    Invalid,
    Refused,
    Stale,
    Forbidden,
}
