using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Figures;

/// <summary>
/// Published satisfaction figures, read from the stored counts (never from raw feedback): for a
/// period and a scope, each value of a dimension with n, the mean, the satisfaction rate and its
/// Wilson interval, the change against the previous period and whether it is significant, and
/// suppression applied. Public: suppressed cells say so and show no figure.
/// </summary>
public static class SatisfactionEndpoints
{
    public static RouteHandlerBuilder MapSatisfactionApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/satisfaction", GetAsync).AllowAnonymous().WithTags("Figures")
            .WithName("GetSatisfaction")
            .WithSummary("Satisfaction figures for a period (2026, 2026-Q1, 2026-03) and a scope, by dimension, with suppression")
            .WithDescription("adminUnit: NSO code (its soums and districts included; default the whole country). provider: id. sector, serviceLine: codes. " +
                "dimension: all (default), gender, age-band, disability, herder-household, channel, service-line.");

    private static async Task<Results<Ok<SatisfactionFigures>, ValidationProblem>> GetAsync(
        MasamDbContext db, IConfiguration configuration, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null, string? serviceLine = null, string? dimension = null)
    {
        var errors = new FieldErrors();
        var figurePeriod = FigurePeriod.Parse(period);
        if (figurePeriod is null) errors.Add("period", text["error.figures.period"]);
        dimension = string.IsNullOrEmpty(dimension) ? "all" : dimension;
        if (FeedbackAggregation.Dimensions.All(d => d.Name != dimension))
            errors.Add("dimension", text["error.enum.unknown", dimension, string.Join(", ", FeedbackAggregation.Dimensions.Select(d => d.Name))]);
        if (serviceLine is not null && dimension != "all")
            errors.Add("serviceLine", text["error.figures.serviceLineDimension"]);

        var providers = db.Providers.AsQueryable();
        if (!string.IsNullOrWhiteSpace(adminUnit))
        {
            var path = await db.AdminUnits.Where(u => u.Code == adminUnit).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("adminUnit", text["error.adminUnit.unknown", adminUnit]);
            else providers = providers.Where(p => p.AdminUnit!.Path.StartsWith(path));
        }

        if (provider is not null) providers = providers.Where(p => p.Id == provider);
        if (!string.IsNullOrWhiteSpace(sector)) providers = providers.Where(p => p.Type!.SectorCode == sector);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: text["problem.validation.title"]);
        }

        var threshold = configuration.GetValue("Masam:Figures:SuppressionThreshold", Disclosure.DefaultThreshold);
        var (countDimension, onlyValue) = serviceLine is null ? (dimension, (string?)null) : ("service-line", serviceLine);
        async Task<Dictionary<string, int[]>> SumAsync(FigurePeriod p)
        {
            var months = p.MonthsCovered.ToList();
            var rows = await db.FeedbackCounts.AsNoTracking()
                .Where(c => months.Contains(c.Month) && c.Dimension == countDimension && providers.Any(p => p.Id == c.ProviderId))
                .Where(c => onlyValue == null || c.Value == onlyValue)
                .GroupBy(c => c.Value)
                .Select(g => new { g.Key, C1 = g.Sum(c => c.C1), C2 = g.Sum(c => c.C2), C3 = g.Sum(c => c.C3), C4 = g.Sum(c => c.C4), C5 = g.Sum(c => c.C5) })
                .ToListAsync(ct);
            return rows.ToDictionary(r => onlyValue is null ? r.Key : "", r => new[] { r.C1, r.C2, r.C3, r.C4, r.C5 });
        }

        var current = await SumAsync(figurePeriod!);
        var previous = await SumAsync(figurePeriod!.Previous());
        var values = current.Keys.Order(StringComparer.Ordinal).ToList();
        var disclosure = dimension == "all" || serviceLine is not null
            ? values.Select(v => Disclosure.Primary(current[v].Sum(), threshold)).ToArray()
            : Disclosure.Siblings([.. values.Select(v => current[v].Sum())], threshold);
        var cells = values.Select((value, i) => Cell(value, current[value], previous.GetValueOrDefault(value), disclosure[i], threshold)).ToList();
        return TypedResults.Ok(new SatisfactionFigures(figurePeriod.Name, figurePeriod.Previous().Name, adminUnit, provider, sector, serviceLine,
            dimension, threshold, FeedbackAggregation.MethodVersion,
            await db.AggregationRuns.OrderByDescending(r => r.FinishedAt).Select(r => (DateTime?)r.FinishedAt).FirstOrDefaultAsync(ct), cells));
    }

    private static SatisfactionCell Cell(string value, int[] counts, int[]? previousCounts, CellDisclosure disclosure, int threshold)
    {
        if (disclosure != CellDisclosure.Shown)
        {
            return new SatisfactionCell(value, disclosure, null, null, null, null, null, null, null);
        }

        var now = SatisfactionStatistics.FromCounts(counts);
        var before = previousCounts is null ? null : SatisfactionStatistics.FromCounts(previousCounts);
        double? change = null;
        bool? significant = null;
        if (before is { N: var n0 } && n0 >= threshold)
        {
            change = now.Rate - before.Rate;
            significant = TwoProportionSignificant(now.Rate!.Value, now.N, before.Rate!.Value, before.N);
        }

        return new SatisfactionCell(value, disclosure, now.N, now.Mean, now.Rate, now.RateLower, now.RateUpper, change, significant);
    }

    /// <summary>Two-proportion z-test at the 5 % level.</summary>
    public static bool TwoProportionSignificant(double p1, int n1, double p2, int n2)
    {
        var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return se > 0 && Math.Abs(p1 - p2) / se > SatisfactionStatistics.Z95;
    }
}

public sealed record SatisfactionFigures(
    string Period, string PreviousPeriod, string? AdminUnit, int? Provider, string? Sector, string? ServiceLine, string Dimension,
    int SuppressionThreshold, string MethodVersion, DateTime? CountedAt, IReadOnlyList<SatisfactionCell> Cells);

/// <summary>One published cell; when suppressed, it says so and every figure is null, never zero.</summary>
public sealed record SatisfactionCell(
    string Value, CellDisclosure Disclosure, int? N, double? Mean, double? Rate, double? RateLower, double? RateUpper,
    double? ChangeFromPrevious, bool? SignificantChange);
