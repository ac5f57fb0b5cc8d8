using Masam.Web.Data;
using Masam.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Figures;

/// <summary>
/// Every figure question, answered from what the aggregation stored: satisfaction from the
/// published cells (<see cref="PublishedCell"/>, protected as a whole by
/// <see cref="Protection.LinkedSuppression"/>), responsiveness and scorecard figures from their
/// counts. The API, the pages, the reports and the feed all ask here and do nothing of their own,
/// so that no outlet can show what another hides. Satisfaction is published for quarters and
/// years that have ended; for the nation, aimags, their own bodies, soums and districts by every
/// dimension and by sector; for a provider, its total.
/// </summary>
public sealed partial class PublishedFigures(MasamDbContext db, IOptions<FigureOptions> options, TimeProvider clock)
{
    public const string NationCode = "MN";
    public const string Everyone = "all";
    public const string SectorDimension = "sector";

    /// <summary>What a shown figure's interval and change say they are computed on.</summary>
    public const string IntervalMethod = "Wilson score interval, 95 %, on the cell's own responses (n); shown cells are exact counts, never perturbed.";

    /// <summary>What a shown total's weighted rate is, and what it is computed from.</summary>
    public const string WeightingMethod =
        "Population-weighted rate, for the shown totals of the nation and aimags, computed from the shown figures only: an aimag's shown soums and districts " +
        "weighted to their populations (NSO 2020), hidden ones pooled; the nation's aimags by shown age band raked (iterative proportional fitting) to the aimags' " +
        "populations and adults by age band (NSO 2019); weights held within 0.2-5 x the mean. Interval: Wilson, 95 %, on Kish's effective n (sum w)^2 / sum w^2; " +
        "design effect n / effective n. Soums, sectors and providers are not weighted.";

    public const string SignificanceMethod = "Two-proportion z-test at the 5 % level between the satisfaction rates of this period and the previous one, given only when both are shown.";

    public int Threshold => options.Value.SuppressionThreshold;

    public string Method => options.Value.Method;

    /// <summary>Whether a period has ended, so that its satisfaction figures are (or will be, at the next aggregation run) published.</summary>
    public bool HasEnded(FigurePeriod period) =>
        period.FirstMonth.AddMonths(period.Months) <= Infrastructure.MongolianTime.MonthOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>The parts of a question that ask for figures that are not published, as (parameter, text key) pairs.</summary>
    public async Task<IReadOnlyList<(string Field, string Key)>> UnpublishedAsync(SatisfactionQuery query, CancellationToken ct)
    {
        var problems = new List<(string, string)>();
        var (scope, by, dimension, line) = (query.Scope, query.By, query.Dimension, query.ServiceLine);
        if (scope.Period.Months == 1) problems.Add(("period", "error.figures.monthly"));
        else if (!HasEnded(scope.Period)) problems.Add(("period", "error.figures.open"));
        if (line is not null && dimension != FigureDimension.All) problems.Add(("serviceLine", "error.figures.serviceLineDimension"));
        if (by != FigureBreakdown.Dimension && dimension != FigureDimension.All) problems.Add(("dimension", "error.figures.byDimension"));
        if (line is not null && by is FigureBreakdown.Provider or FigureBreakdown.Sector) problems.Add(("serviceLine", "error.figures.serviceLineBreakdown"));
        if (scope.ProviderId is not null && by != FigureBreakdown.Dimension) problems.Add(("by", "error.figures.providerBreakdown"));
        if ((scope.ProviderId is not null || scope.Sector is not null) && (dimension != FigureDimension.All || line is not null))
            problems.Add((line is null ? "dimension" : "serviceLine", "error.figures.totalOnly"));
        if (by == FigureBreakdown.AdminUnit && scope.ProviderId is null && await LevelOfAsync(scope.UnitCode, ct) == FigureLevel.Soum)
            problems.Add(("by", "error.figures.byAdminUnit"));
        return problems;
    }

    /// <summary>The satisfaction cells of a question, with their change against the previous period; hidden cells say why and carry no figure.</summary>
    public async Task<SatisfactionFigures> SatisfactionAsync(SatisfactionQuery query, CancellationToken ct)
    {
        var scope = query.Scope;
        var provenance = await ProvenanceAsync(ct);
        var current = await CellsAsync(query, scope.Period, ct);
        var previous = (await CellsAsync(query, scope.Period.Previous(), ct)).ToDictionary(c => c.Key, c => c.Cell, StringComparer.Ordinal);
        var cells = current.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => ToCell(c.Key, c.Cell, previous.GetValueOrDefault(c.Key))).ToList();
        return new SatisfactionFigures(scope.Period.Name, scope.Period.Previous().Name, scope.UnitCode, scope.ProviderId, scope.Sector, query.ServiceLine,
            Infrastructure.WireEnum<FigureBreakdown>.Name(query.By), Infrastructure.WireEnum<FigureDimension>.Name(query.Dimension),
            provenance.Threshold, provenance.Method, provenance.CountedAt, IntervalMethod, SignificanceMethod, WeightingMethod, cells);
    }

    /// <summary>The one cell of a scope (everyone, or one service line); null when it has no responses.</summary>
    public async Task<SatisfactionCell?> TotalAsync(FigureScope scope, CancellationToken ct) =>
        (await SatisfactionAsync(new SatisfactionQuery(scope), ct)).Cells.SingleOrDefault();

    /// <summary>The satisfaction rate of the <paramref name="quarters"/> quarters up to the scope's, oldest first (a hidden quarter is a gap).</summary>
    public async Task<IReadOnlyList<(FigurePeriod Quarter, SatisfactionCell? Cell)>> TrendAsync(FigureScope scope, int quarters, CancellationToken ct)
    {
        var periods = Enumerable.Range(0, quarters).Select(i => FigurePeriod.QuarterOf(scope.Period.FirstMonth.AddMonths(-3 * (quarters - 1 - i)))).ToList();
        var names = periods.Select(p => p.Name).ToList();
        var (area, _) = await AreaAsync(scope, ct);
        var rows = await area.Where(c => names.Contains(c.Period) && c.Dimension == (scope.Sector == null ? Everyone : SectorDimension)
                && c.Value == (scope.Sector ?? ""))
            .ToListAsync(ct);
        return [.. periods.Select(p => (p, rows.FirstOrDefault(r => r.Period == p.Name) is { } row ? ToCell("", row, null) : null))];
    }

    /// <summary>The latest quarter whose figures are published, or null before any is.</summary>
    public async Task<FigurePeriod?> LatestQuarterAsync(CancellationToken ct) =>
        FigurePeriod.Parse(await db.PublishedCells.Where(c => c.Period.Length == 7).MaxAsync(c => (string?)c.Period, ct));

    /// <summary>Every published satisfaction figure of every period, for the feed; hidden ones say why.</summary>
    public async Task<IReadOnlyList<PublishedFigure>> AllAsync(CancellationToken ct) =>
        [.. (await db.PublishedCells.AsNoTracking().ToListAsync(ct)).Select(c => new PublishedFigure(c.Period, c.Level, c.UnitCode, c.ProviderId, c.AimagCode,
            c.Dimension, ToCell(c.Value, c, null)))];

    /// <summary>When the figures were last counted, for the "as of" every figure carries.</summary>
    public Task<DateTime?> CountedAtAsync(CancellationToken ct) =>
        db.AggregationRuns.OrderByDescending(r => r.FinishedAt).Select(r => (DateTime?)r.FinishedAt).FirstOrDefaultAsync(ct);

    /// <summary>
    /// What the published figures come from: the last aggregation run, its method version and
    /// disclosure method (<c>linked-suppression-10</c>) and threshold; before any run, this app's settings.
    /// </summary>
    public async Task<FigureProvenance> ProvenanceAsync(CancellationToken ct)
    {
        var run = await db.AggregationRuns.AsNoTracking().OrderByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.FinishedAt, r.MethodVersion, r.Disclosure, r.SuppressionThreshold }).FirstOrDefaultAsync(ct);
        return run is null
            ? new FigureProvenance(null, $"{FeedbackAggregation.MethodVersion} {Method}", Threshold)
            : new FigureProvenance(run.FinishedAt, $"{run.MethodVersion} {run.Disclosure}", run.SuppressionThreshold);
    }


    private async Task<FigureLevel> LevelOfAsync(string? unitCode, CancellationToken ct) => unitCode is null
        ? FigureLevel.National
        : await db.AdminUnits.Where(u => u.Code == unitCode).Select(u => u.Level).FirstOrDefaultAsync(ct) == AdminUnitLevel.First ? FigureLevel.Aimag : FigureLevel.Soum;

    /// <summary>The published rows of the scope's own area (any slice), and its level.</summary>
    private async Task<(IQueryable<PublishedCell> Rows, FigureLevel Level)> AreaAsync(FigureScope scope, CancellationToken ct)
    {
        var rows = db.PublishedCells.AsNoTracking();
        if (scope.ProviderId is { } provider)
        {
            rows = rows.Where(c => c.Level == FigureLevel.Provider && c.ProviderId == provider);
            if (scope.UnitCode is { } unit) rows = rows.Where(c => c.UnitCode == unit || c.AimagCode == unit);
            if (scope.Sector is { } sector) rows = rows.Where(c => c.SectorCode == sector);
            return (rows, FigureLevel.Provider);
        }

        var level = await LevelOfAsync(scope.UnitCode, ct);
        var code = scope.UnitCode ?? NationCode;
        return (rows.Where(c => c.Level == level && c.UnitCode == code && c.ProviderId == 0), level);
    }

    /// <summary>The rows a question reads for a period, each with the key its cell is named by.</summary>
    private async Task<List<(string Key, PublishedCell Cell)>> CellsAsync(SatisfactionQuery query, FigurePeriod period, CancellationToken ct)
    {
        var (scope, name) = (query.Scope, period.Name);
        var (dimension, value) = scope.Sector is { } s ? (SectorDimension, s)
            : query.ServiceLine is { } line ? ("service-line", line)
            : (Infrastructure.WireEnum<FigureDimension>.Name(query.Dimension), (string?)null);
        switch (query.By)
        {
            case FigureBreakdown.Provider:
            {
                var rows = db.PublishedCells.AsNoTracking().Where(c => c.Period == name && c.Level == FigureLevel.Provider);
                if (scope.UnitCode is { } unit) rows = rows.Where(c => c.UnitCode == unit || c.AimagCode == unit);
                if (scope.Sector is { } sector) rows = rows.Where(c => c.SectorCode == sector);
                return [.. (await rows.ToListAsync(ct)).Select(c => (c.ProviderId.ToString(System.Globalization.CultureInfo.InvariantCulture), c))];
            }

            case FigureBreakdown.AdminUnit:
            {
                var level = await LevelOfAsync(scope.UnitCode, ct);
                var rows = db.PublishedCells.AsNoTracking().Where(c => c.Period == name && c.Dimension == dimension && c.Value == (value ?? ""));
                rows = level == FigureLevel.National
                    ? rows.Where(c => c.Level == FigureLevel.Aimag)
                    : rows.Where(c => (c.Level == FigureLevel.Soum || c.Level == FigureLevel.AimagBodies) && c.AimagCode == scope.UnitCode);
                return [.. (await rows.ToListAsync(ct)).Select(c => (c.UnitCode, c))];
            }

            case FigureBreakdown.Sector:
            {
                var (area, _) = await AreaAsync(scope with { Sector = null }, ct);
                var rows = area.Where(c => c.Period == name && c.Dimension == SectorDimension);
                if (scope.Sector is { } sector) rows = rows.Where(c => c.Value == sector);
                return [.. (await rows.ToListAsync(ct)).Select(c => (c.Value, c))];
            }

            default:
            {
                var (area, level) = await AreaAsync(scope, ct);
                var rows = level == FigureLevel.Provider
                    ? area.Where(c => c.Period == name)
                    : area.Where(c => c.Period == name && c.Dimension == dimension && (value == null || c.Value == value));
                return [.. (await rows.ToListAsync(ct)).Select(c => (value is null ? c.Value : "", c))];
            }
        }
    }

    private static SatisfactionCell ToCell(string key, PublishedCell row, PublishedCell? before)
    {
        if (row.Disclosure != CellDisclosure.Shown)
        {
            return new SatisfactionCell(key, row.Disclosure, null, null, null, null, null, null, null, null);
        }

        var now = SatisfactionStatistics.FromCounts([row.C1!.Value, row.C2!.Value, row.C3!.Value, row.C4!.Value, row.C5!.Value]);
        double? change = null;
        bool? significant = null;
        if (before is { Disclosure: CellDisclosure.Shown })
        {
            var then = SatisfactionStatistics.FromCounts([before.C1!.Value, before.C2!.Value, before.C3!.Value, before.C4!.Value, before.C5!.Value]);
            change = now.Rate - then.Rate;
            significant = SatisfactionStatistics.TwoProportionSignificant(now.Rate!.Value, now.N, then.Rate!.Value, then.N);
        }

        return new SatisfactionCell(key, CellDisclosure.Shown, now.N, now.Mean, now.Rate, now.RateLower, now.RateUpper, change, significant,
            WeightedOf(row, now.N));
    }

    private static WeightedRate? WeightedOf(PublishedCell row, int n)
    {
        if (row is not { WeightedRate: { } rate, EffectiveN: { } effective } || effective <= 0) return null;
        var (lower, upper) = SatisfactionStatistics.WilsonInterval(rate, effective);
        return new WeightedRate(rate, Math.Round(lower, 4), Math.Round(upper, 4), effective, Math.Round(n / effective, 3));
    }
}

/// <summary>The method version and disclosure method of the published figures (<c>4 linked-suppression-10</c>), their threshold, and when they were counted.</summary>
public sealed record FigureProvenance(DateTime? CountedAt, string Method, int Threshold);

public sealed record SatisfactionFigures(
    string Period, string PreviousPeriod, string? AdminUnit, int? Provider, string? Sector, string? ServiceLine, string By, string Dimension,
    int SuppressionThreshold, string MethodVersion, DateTime? CountedAt, string Interval, string Significance, string Weighting,
    IReadOnlyList<SatisfactionCell> Cells);

/// <summary>
/// One published cell; when hidden, it says why and every figure is null, never zero. A shown total
/// of the nation or an aimag also carries its population-weighted rate (<see cref="PublishedFigures.WeightingMethod"/>).
/// </summary>
public sealed record SatisfactionCell(
    string Value, CellDisclosure Disclosure, int? N, double? Mean, double? Rate, double? RateLower, double? RateUpper,
    double? ChangeFromPrevious, bool? SignificantChange, WeightedRate? Weighted);

/// <summary>A population-weighted satisfaction rate with its Wilson interval on the effective n, the effective n and the design effect (n / effective n).</summary>
public sealed record WeightedRate(double Rate, double Lower, double Upper, double EffectiveN, double DesignEffect);
