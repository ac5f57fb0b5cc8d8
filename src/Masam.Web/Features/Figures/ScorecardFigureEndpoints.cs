using Masam.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>The scorecard figures API: read the question, ask <see cref="PublishedFigures"/>.</summary>
public static class ScorecardFigureEndpoints
{
    public static RouteHandlerBuilder MapScorecardFiguresApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/scorecard-figures", GetAsync).AllowAnonymous().WithTags("Figures")
            .WithName("GetScorecardFigures")
            .WithSummary("Community Score Card figures for a period and a scope: per cycle and indicator, each group's score, the consolidated score, self-score and gap")
            .WithDescription("period: 2026, 2026-Q1 or 2026-03 (cycles by the month their period ends). adminUnit: NSO code; provider: id; sector: code.");

    private static Task<Results<Ok<ScorecardFigures>, ValidationProblem>> GetAsync(
        MasamDbContext db, PublishedFigures figures, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null) =>
        FigureRequest.RespondAsync(db, text, period, adminUnit, provider, sector, scope => figures.ScorecardsAsync(scope, ct), ct);
}
