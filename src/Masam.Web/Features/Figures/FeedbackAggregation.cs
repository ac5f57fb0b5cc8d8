using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures;

/// <summary>
/// Counts valid feedback (everything but rejected items) per provider, month and dimension value
/// into <see cref="FeedbackCount"/>. The full run recounts everything; the incremental run recounts
/// only the (provider, month) cells in which some feedback changed since the last run's watermark,
/// and so ends with exactly the rows a full run would. Each run is one transaction: one that dies
/// half-way leaves the previous counts as they were, and is simply run again.
/// </summary>
public sealed class FeedbackAggregation(MasamDbContext db, TimeProvider clock, ILogger<FeedbackAggregation> logger)
{
    /// <summary>Raised whenever what is counted, or how, changes; every run records it.</summary>
    public const string MethodVersion = "1";

    /// <summary>Changes this recent are left to the next run, so that no transaction still committing is missed.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);

    public const string NotGiven = "not-given";

    public async Task<AggregationRun> FullAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.FeedbackCounts.ExecuteDeleteAsync(ct);
        var cells = await CountAsync(db.Feedback, ct);
        var run = await RecordAsync("full", started, null, started - SettleTime, cells, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    public async Task<AggregationRun> IncrementalAsync(CancellationToken ct)
    {
        var last = await db.AggregationRuns.AsNoTracking().OrderByDescending(r => r.WatermarkTo).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (last is null || last.MethodVersion != MethodVersion)
        {
            return await FullAsync(ct);
        }

        var started = clock.GetUtcNow().UtcDateTime;
        var (from, to) = (last.WatermarkTo, started - SettleTime);
        var changed = await db.Feedback.Where(f => f.UpdatedAt > from && f.UpdatedAt <= to)
            .Select(f => new { f.ReceivedMonth, f.ProviderId }).Distinct().ToListAsync(ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var month in changed.GroupBy(c => c.ReceivedMonth))
        {
            var providers = month.Select(c => c.ProviderId).ToList();
            await db.FeedbackCounts.Where(c => c.Month == month.Key && providers.Contains(c.ProviderId)).ExecuteDeleteAsync(ct);
            await CountAsync(db.Feedback.Where(f => f.ReceivedMonth == month.Key && providers.Contains(f.ProviderId)), ct);
        }

        var run = await RecordAsync("incremental", started, from, to, changed.Count, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    private async Task<AggregationRun> RecordAsync(string kind, DateTime started, DateTime? from, DateTime to, int cells, CancellationToken ct)
    {
        var run = new AggregationRun
        {
            Kind = kind, MethodVersion = MethodVersion, StartedAt = started, FinishedAt = clock.GetUtcNow().UtcDateTime,
            WatermarkFrom = from, WatermarkTo = to, CellsRecounted = cells,
        };
        db.AggregationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Aggregation {Kind} recounted {Cells} cells up to {Watermark:o}", kind, cells, to);
        return run;
    }

    /// <summary>
    /// Counts the given feedback into rows for every dimension; returns how many (provider, month)
    /// cells it covered. One grouped scan over every dimension column at once, then the rows of each
    /// dimension are summed from those combinations in memory.
    /// </summary>
    private async Task<int> CountAsync(IQueryable<FeedbackItem> source, CancellationToken ct)
    {
        var combinations = await source.Where(f => f.Status != FeedbackStatus.Rejected)
            .GroupBy(f => new { f.ProviderId, f.ReceivedMonth, f.Gender, f.AgeBand, f.HasDisability, f.HerderHousehold, f.Channel, f.ServiceLineCode })
            .Select(g => new Combination(g.Key.ProviderId, g.Key.ReceivedMonth, g.Key.Gender, g.Key.AgeBand, g.Key.HasDisability, g.Key.HerderHousehold,
                g.Key.Channel, g.Key.ServiceLineCode,
                g.Count(f => f.Score == 1), g.Count(f => f.Score == 2), g.Count(f => f.Score == 3), g.Count(f => f.Score == 4), g.Count(f => f.Score == 5)))
            .ToListAsync(ct);

        var rows = new List<FeedbackCount>();
        foreach (var (dimension, valueOf) in Dimensions)
        {
            rows.AddRange(combinations
                .GroupBy(c => (c.ProviderId, c.Month, Value: valueOf(c)))
                .Select(g => new FeedbackCount
                {
                    ProviderId = g.Key.ProviderId, Month = g.Key.Month, Dimension = dimension, Value = g.Key.Value,
                    C1 = g.Sum(c => c.C1), C2 = g.Sum(c => c.C2), C3 = g.Sum(c => c.C3), C4 = g.Sum(c => c.C4), C5 = g.Sum(c => c.C5),
                }));
        }

        db.FeedbackCounts.AddRange(rows);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return combinations.Select(c => (c.ProviderId, c.Month)).Distinct().Count();
    }

    /// <summary>The dimensions figures are broken down by, and each combination's value in them.</summary>
    public static readonly IReadOnlyList<(string Name, Func<Combination, string> ValueOf)> Dimensions =
    [
        ("all", _ => ""),
        ("gender", c => c.Gender is { } v ? WireEnum<Gender>.Name(v) : NotGiven),
        ("age-band", c => c.AgeBand is { } v ? WireEnum<AgeBand>.Name(v) : NotGiven),
        ("disability", c => YesNo(c.HasDisability)),
        ("herder-household", c => YesNo(c.HerderHousehold)),
        ("channel", c => WireEnum<FeedbackChannel>.Name(c.Channel)),
        ("service-line", c => c.ServiceLine ?? NotGiven),
    ];

    /// <summary>The count of each score for one combination of every dimension's value.</summary>
    public sealed record Combination(int ProviderId, DateOnly Month, Gender? Gender, AgeBand? AgeBand, bool? HasDisability, bool? HerderHousehold,
        FeedbackChannel Channel, string? ServiceLine, int C1, int C2, int C3, int C4, int C5);

    private static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => NotGiven };

}
