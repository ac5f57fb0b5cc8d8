using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// The weighted satisfaction of an area for staff who analyse it (not published: the public
/// figures go through the disclosure service). Reads the question like every figures endpoint.
/// </summary>
public static class WeightedSatisfactionEndpoints
{
    public static RouteHandlerBuilder MapWeightedSatisfactionApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/staff/figures/weighted-satisfaction", GetAsync).RequireAuthorization(AccountsFeature.PublisherPolicy).WithTags("Figures")
            .WithName("GetWeightedSatisfaction")
            .WithSummary("The satisfaction rate of a period and area raked to its soum populations (2020) and adults by age band (2019), beside the unweighted rate, with the effective sample size, design effect and a Wilson interval on the effective n")
            .WithDescription("period: 2026-Q1, 2026-05 or 2025. adminUnit: NSO code (default the whole country). provider: id. sector: code. " +
                "Below the suppression threshold of responses the rates are left out.");

    private static Task<Results<Ok<WeightedFigure>, ValidationProblem>> GetAsync(
        MasamDbContext db, WeightedSatisfaction weighted, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null) =>
        FigureRequest.RespondAsync(db, text, period, adminUnit, provider, sector, scope => weighted.ComputeAsync(scope, ct), ct);
}
