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

    /// <summary>
    /// 200 with the record as it now is; 400 naming the fields; 409 for a change the record's state
    /// refuses, or for an edit made against an older version (with the current one); 404.
    /// </summary>
    public async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ToHttpResultAsync<T>(
        Func<Task<T?>> current, IStringLocalizer text, string notFoundDetail) where T : class =>
        Result switch
        {
            ChangeResult.Done when await current() is { } record => TypedResults.Ok(record),
            ChangeResult.Invalid => TypedResults.ValidationProblem(Errors!.ToDictionary(), title: text["problem.validation.title"]),
            ChangeResult.Refused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.review.refused"], detail: Detail),
            ChangeResult.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["problem.review.stale"],
                detail: text["error.review.stale", CurrentVersion!], extensions: new Dictionary<string, object?> { ["currentVersion"] = CurrentVersion }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: notFoundDetail),
        };
}

public enum ChangeResult
{
    Done,
    NotFound,
    Invalid,
    Refused,
    Stale,
}
