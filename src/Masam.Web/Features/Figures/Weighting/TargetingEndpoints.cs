using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// "Where to work next" for staff who plan (see <see cref="Targeting"/>): the analyst's weight for
/// each indicator, 0 to 100 (default 1). It shows every area's unpublished figures (responses, answers
/// due), so only the roles that see the whole country have it.
/// </summary>
public static class TargetingEndpoints
{
    public static RouteHandlerBuilder MapTargetingApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/staff/targeting", GetAsync).RequireAuthorization(AccountsFeature.NationalPolicy).WithTags("Figures")
            .WithName("GetTargeting")
            .WithSummary("Aimags and the capital ranked by need on poverty headcount, weighted satisfaction, answers in time and scorecard coverage, with the analyst's weights")
            .WithDescription("period: 2026-Q1, 2026-05 or 2025. poverty, satisfaction, responsiveness, coverage: each indicator's weight, 0 to 100 (default 1; at least one above 0).");

    private static async Task<Results<Ok<TargetingRanking>, ValidationProblem>> GetAsync(
        Targeting targeting, IStringLocalizer text, CancellationToken ct,
        string? period = null, double? poverty = null, double? satisfaction = null, double? responsiveness = null, double? coverage = null)
    {
        var errors = new FieldErrors();
        var figurePeriod = FigurePeriod.Parse(period);
        if (figurePeriod is null) errors.Add("period", text["error.figures.period"]);
        var weights = new Dictionary<string, double>
        {
            ["poverty"] = poverty ?? 1, ["satisfaction"] = satisfaction ?? 1, ["responsiveness"] = responsiveness ?? 1, ["coverage"] = coverage ?? 1,
        };
        Targeting.Check(weights, errors, text, name => name, "weights");
        return errors.Any ? errors.ToProblem(text) : TypedResults.Ok(await targeting.RankAsync(figurePeriod!, weights, ct));
    }
}
