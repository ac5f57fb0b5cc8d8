using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Figures;

public sealed partial class FeedbackAggregation
{
    /// <summary>Runs an incremental aggregation unless the last run already counted everything up to <paramref name="moment"/>.</summary>
    public async Task EnsureCountedAsync(DateTime moment, CancellationToken ct)
    {
        if (await LastRunAsync(ct) is not { } last || last.WatermarkTo < moment || !SameMethod(last)) await IncrementalAsync(ct);
    }

    private Task<AggregationRun?> LastRunAsync(CancellationToken ct) =>
        db.AggregationRuns.AsNoTracking().OrderByDescending(r => r.WatermarkTo).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>Whether a run counted and protected the figures as this app would now.</summary>
    private bool SameMethod(AggregationRun run) => run.MethodVersion == MethodVersion && run.Disclosure == options.Value.Method;

    /// <summary>
    /// Publishes a year again from the counts as they stand (as of the last run's watermark), taking
    /// turns with the runs: what an analyst's hold or its release changes (<see cref="Protection.IHeldFigures"/>).
    /// </summary>
    public async Task RepublishAsync(int year, CancellationToken ct)
    {
        await using var turn = await locks.AcquireAsync(LockName, ct);
        if (await LastRunAsync(ct) is not { } last) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await publisher.PublishAsync([year], last.WatermarkTo, reset: false, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<AggregationRun> RecordAsync(
        string kind, DateTime started, DateTime? from, DateTime to, long counted, int cells, int added, CancellationToken ct)
    {
        var run = new AggregationRun
        {
            Kind = kind, MethodVersion = MethodVersion, Disclosure = options.Value.Method, SuppressionThreshold = options.Value.SuppressionThreshold,
            StartedAt = started, FinishedAt = clock.GetUtcNow().UtcDateTime,
            WatermarkFrom = from, WatermarkTo = to, FeedbackIdTo = counted, CellsRecounted = cells, CellsAdded = added,
        };
        db.AggregationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        metrics.AggregationRun(kind, run.FinishedAt - started, cells + added);
        logger.LogInformation("Aggregation {Kind} recounted {Cells} cells and added to {Added} up to {Watermark:o}", kind, cells, added, to);
        return run;
    }
}
