using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>The satisfaction API: read the question, ask <see cref="PublishedFigures"/>; nothing is counted or hidden here.</summary>
public static class SatisfactionEndpoints
{
    public static RouteHandlerBuilder MapSatisfactionApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/satisfaction", GetAsync).AllowAnonymous().WithTags("Figures")
            .WithName("GetSatisfaction")
            .WithSummary("Published satisfaction figures for a quarter or year that has ended (2026-Q1, 2025) and a scope, broken down by a dimension, provider, admin unit or sector, with linked-table suppression")
            .WithDescription("adminUnit: NSO code (its soums and districts included; default the whole country). provider: id (its total only). sector, serviceLine: codes. " +
                "by: dimension (default), provider, admin-unit (the next level down), sector. " +
                "dimension (with by=dimension, for the nation, an aimag or a soum): all (default), gender, age-band, disability, herder-household, channel, service-line.");

    private static async Task<Results<Ok<SatisfactionFigures>, ValidationProblem>> GetAsync(
        MasamDbContext db, PublishedFigures figures, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null, string? serviceLine = null,
        string? dimension = null, string? by = null)
    {
        var errors = new FieldErrors();
        var query = await FigureRequest.ReadSatisfactionAsync(db, figures, text, errors, period, adminUnit, provider, sector, serviceLine, dimension, by, ct);
        return query is null ? errors.ToProblem(text) : TypedResults.Ok(await figures.SatisfactionAsync(query, ct));
    }
}
