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
    /// <summary>The breakdowns by who or where, besides the dimensions of the respondents.</summary>
    public static readonly string[] Breakdowns = ["dimension", "provider", "admin-unit", "sector"];

    public static RouteHandlerBuilder MapSatisfactionApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/satisfaction", GetAsync).AllowAnonymous().WithTags("Figures")
            .WithName("GetSatisfaction")
            .WithSummary("Satisfaction figures for a period (2026, 2026-Q1, 2026-03) and a scope, broken down by a dimension, provider, admin unit or sector, with suppression")
            .WithDescription("adminUnit: NSO code (its soums and districts included; default the whole country). provider: id. sector, serviceLine: codes. " +
                "by: dimension (default), provider, admin-unit (the next level down), sector. " +
                "dimension (with by=dimension): all (default), gender, age-band, disability, herder-household, channel, service-line.");

    private static async Task<Results<Ok<SatisfactionFigures>, ValidationProblem>> GetAsync(
        MasamDbContext db, IConfiguration configuration, IStringLocalizer text, CancellationToken ct,
        string? period = null, string? adminUnit = null, int? provider = null, string? sector = null, string? serviceLine = null,
        string? dimension = null, string? by = null)
    {
        var errors = new FieldErrors();
        dimension = string.IsNullOrEmpty(dimension) ? "all" : dimension;
        by = string.IsNullOrEmpty(by) ? "dimension" : by;
        if (!FeedbackAggregation.DimensionNames.Contains(dimension))
            errors.Add("dimension", text["error.enum.unknown", dimension, string.Join(", ", FeedbackAggregation.DimensionNames)]);
        if (serviceLine is not null && dimension != "all")
            errors.Add("serviceLine", text["error.figures.serviceLineDimension"]);
        if (!Breakdowns.Contains(by))
            errors.Add("by", text["error.figures.by", by, string.Join(", ", Breakdowns)]);
        else if (by != "dimension" && dimension != "all")
            errors.Add("dimension", text["error.figures.byDimension"]);

        var scope = await FigureScope.ReadAsync(db, text, errors, period, adminUnit, provider, sector, ct);
        var depth = scope?.UnitPath?.Count(c => c == '/') - 1 ?? 0;
        if (by == "admin-unit" && depth >= 2)
            errors.Add("by", text["error.figures.byAdminUnit"]);
        if (scope is null || errors.Any)
        {
            return errors.ToProblem(text);
        }

        var threshold = Threshold(configuration);
        var cells = await CellsAsync(db, scope, by, dimension, serviceLine, threshold, ct);
        return TypedResults.Ok(new SatisfactionFigures(scope.Period.Name, scope.Period.Previous().Name, adminUnit, provider, sector, serviceLine,
            by, dimension, threshold, FeedbackAggregation.MethodVersion, await FigureScope.CountedAtAsync(db, ct), cells));
    }

    public static int Threshold(IConfiguration configuration) =>
        configuration.GetValue("Masam:Figures:SuppressionThreshold", Disclosure.DefaultThreshold);

    /// <summary>
    /// The published cells of a scope and period, broken down <paramref name="by"/> a dimension
    /// (values of <paramref name="dimension"/>), <c>provider</c> (ids), <c>admin-unit</c> (the codes one
    /// level down) or <c>sector</c> (codes), from the stored counts, with suppression applied.
    /// </summary>
    public static async Task<IReadOnlyList<SatisfactionCell>> CellsAsync(
        MasamDbContext db, FigureScope scope, string by, string dimension, string? serviceLine, int threshold, CancellationToken ct)
    {
        var depth = scope.UnitPath?.Count(c => c == '/') - 1 ?? 0;
        var (countDimension, onlyValue) = serviceLine is null ? (dimension, (string?)null) : ("service-line", serviceLine);
        Func<ProviderKey, string> keyOf = by switch
        {
            "provider" => p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "admin-unit" => p => p.Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is var codes && codes.Length > depth ? codes[depth] : scope.UnitCode!,
            "sector" => p => p.Sector,
            _ => _ => "",
        };
        var providerKeys = by == "dimension" ? null : await scope.Providers
            .Select(p => new ProviderKey(p.Id, p.AdminUnit!.Path, p.Type!.SectorCode)).ToDictionaryAsync(p => p.Id, ct);

        var perProvider = providerKeys is not null;
        async Task<Dictionary<string, int[]>> SumAsync(FigurePeriod p)
        {
            var months = p.MonthsCovered.ToList();
            var rows = await db.FeedbackCounts.AsNoTracking()
                .Where(c => months.Contains(c.Month) && c.Dimension == countDimension && scope.Providers.Any(p => p.Id == c.ProviderId))
                .Where(c => onlyValue == null || c.Value == onlyValue)
                .GroupBy(c => new { Value = perProvider ? "" : c.Value, ProviderId = perProvider ? c.ProviderId : 0 })
                .Select(g => new { g.Key.Value, g.Key.ProviderId, C1 = g.Sum(c => c.C1), C2 = g.Sum(c => c.C2), C3 = g.Sum(c => c.C3), C4 = g.Sum(c => c.C4), C5 = g.Sum(c => c.C5) })
                .ToListAsync(ct);
            return rows.GroupBy(r => providerKeys is null ? onlyValue is null ? r.Value : "" : keyOf(providerKeys[r.ProviderId]))
                .ToDictionary(g => g.Key, g => new[] { g.Sum(r => r.C1), g.Sum(r => r.C2), g.Sum(r => r.C3), g.Sum(r => r.C4), g.Sum(r => r.C5) });
        }

        var current = await SumAsync(scope.Period);
        var previous = await SumAsync(scope.Period.Previous());
        var values = current.Keys.Order(StringComparer.Ordinal).ToList();
        // Siblings that add up to a published total share in its suppression; the "all" row and a single service line stand alone.
        var disclosure = by == "dimension" && (dimension == "all" || serviceLine is not null)
            ? values.Select(v => Disclosure.Primary(current[v].Sum(), threshold)).ToArray()
            : Disclosure.Siblings([.. values.Select(v => current[v].Sum())], threshold);
        return [.. values.Select((value, i) => Cell(value, current[value], previous.GetValueOrDefault(value), disclosure[i], threshold))];
    }

    private sealed record ProviderKey(int Id, string Path, string Sector);

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
    string Period, string PreviousPeriod, string? AdminUnit, int? Provider, string? Sector, string? ServiceLine, string By, string Dimension,
    int SuppressionThreshold, string MethodVersion, DateTime? CountedAt, IReadOnlyList<SatisfactionCell> Cells);

/// <summary>One published cell; when suppressed, it says so and every figure is null, never zero.</summary>
public sealed record SatisfactionCell(
    string Value, CellDisclosure Disclosure, int? N, double? Mean, double? Rate, double? RateLower, double? RateUpper,
    double? ChangeFromPrevious, bool? SignificantChange);
