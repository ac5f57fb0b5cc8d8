using Masam.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>The responsiveness API: read the question, ask <see cref="PublishedFigures"/>.</summary>
public static class ResponsivenessEndpoints
{
    public static RouteHandlerBuilder MapResponsivenessApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/responsiveness", GetAsync).AllowAnonymous().WithTags("Figures")
            .WithName("GetResponsiveness")
            .WithSummary("Responsiveness for a period and a scope: answered within the deadline, median days to answer and close, overdue; actions done on time")
            .WithDescription("period: 2026, 2026-Q1 or 2026-03 (feedback by month received, actions by month due). adminUnit: NSO code; provider: id; sector: code.");

    private static Task<Results<Ok<ResponsivenessFigures>, ValidationProblem>> GetAsync(
        MasamDbContext db, PublishedFigures figures, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null) =>
        FigureRequest.RespondAsync(db, text, period, adminUnit, provider, sector, scope => figures.ResponsivenessAsync(scope, ct), ct);
}
