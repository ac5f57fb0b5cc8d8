using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// The weighted satisfaction of an area for staff who analyse it (not published: the public
/// figures go through the disclosure service). Reads the question like every figures endpoint, and
/// answers only within the account's scope: an official has the figures of their own units, whose
/// every row they may read anyway, and nothing of another's, nor the nation's, to subtract from.
/// </summary>
public static class WeightedSatisfactionEndpoints
{
    public static RouteHandlerBuilder MapWeightedSatisfactionApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/staff/figures/weighted-satisfaction", GetAsync).RequireAuthorization(AccountsFeature.PublisherPolicy).WithTags("Figures")
            .WithName("GetWeightedSatisfaction")
            .WithSummary("The satisfaction rate of a period and area raked to its soum populations (2020) and adults by age band (2019), beside the unweighted rate, with the effective sample size, design effect and a Wilson interval on the effective n")
            .WithDescription("period: 2026-Q1, 2026-05 or 2025. adminUnit: NSO code (default the whole country). provider: id. sector: code. " +
                "Below the suppression threshold of responses the rates are left out.");

    private static async Task<Results<Ok<WeightedFigure>, ValidationProblem, ProblemHttpResult>> GetAsync(
        MasamDbContext db, WeightedSatisfaction weighted, CurrentStaff staff, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null)
    {
        var errors = new Infrastructure.FieldErrors();
        if (await FigureRequest.ReadScopeAsync(db, text, errors, period, adminUnit, provider, sector, ct) is not { } scope)
        {
            return errors.ToProblem(text);
        }

        // Like every staff query: outside the account's units there is nothing (the nation is the whole country's).
        return await weighted.IsWithinAsync(scope, staff.Scope, ct)
            ? TypedResults.Ok(await weighted.ComputeAsync(scope, ct))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["problem.notFound.title"], detail: text["error.figures.outsideScope"]);
    }
}
