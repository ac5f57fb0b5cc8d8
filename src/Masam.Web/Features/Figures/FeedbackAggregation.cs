using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Scorecards;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masam.Web.Features.Figures;

/// <summary>
/// Counts the figures every page, feed and report reads. Valid feedback (everything but rejected
/// items) per provider and month: each score per dimension value (<see cref="FeedbackCount"/>), how
/// it was answered (<see cref="ResponsivenessCount"/>); and, recounted
/// whole each time since they are few, response actions by due month (<see cref="ActionCount"/>)
/// and the scores of agreed scorecards (<see cref="ScorecardFigure"/>).
/// The full run recounts everything; the incremental run adds the feedback that came in since the
/// last run to the stored tallies, and recounts only the (provider, month) cells in which feedback
/// already counted changed, or passed its deadline, since the last run's watermark, and so ends with
/// exactly the rows a full run would. Either counts the feedback stored by its watermark (one
/// <see cref="SettleTime"/> before it starts); what came in after is left to the next run. Each run is one transaction: one that dies half-way
/// leaves the previous figures as they were, and is simply run again.
/// Runs take turns across all nodes (a <see cref="DatabaseLock"/>): a scheduled incremental run
/// and a full run asked for on another node would otherwise recount the same cells at once.
/// </summary>
public sealed partial class FeedbackAggregation(
    MasamDbContext db, TimeProvider clock, ILogger<FeedbackAggregation> logger, DatabaseLock locks, Protection.FigurePublisher publisher,
    Microsoft.Extensions.Options.IOptions<FigureOptions> options, MasamMetrics metrics)
{
    private const string LockName = "aggregation";

    /// <summary>
    /// Raised whenever what is counted, or how, changes; every run records it (with the disclosure
    /// method and threshold), and a change of any of them forces a full run. 3: linked tables of
    /// closed quarters and years. 4: shown totals of the nation and aimags carry a weighted rate. 5: each voice once (<see cref="Voices"/>).
    /// </summary>
    public const string MethodVersion = "5";

    /// <summary>Changes this recent are left to the next run, so that no transaction still committing is missed.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);

    public const string NotGiven = "not-given";

    public async Task<AggregationRun> FullAsync(CancellationToken ct)
    {
        await using var turn = await locks.AcquireAsync(LockName, ct);
        return await FullUnderLockAsync(ct);
    }

    private async Task<AggregationRun> FullUnderLockAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var asOf = started - SettleTime;
        var last = await LastRunAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var counted = await CountedToAsync(last?.FeedbackIdTo ?? 0, asOf, ct);
        await db.FeedbackCounts.ExecuteDeleteAsync(ct);
        await db.ResponsivenessCounts.ExecuteDeleteAsync(ct);
        var cells = await WriteAsync(await TallyAsync(Voices.Counted(db.Feedback, counted), asOf, ct), ct);
        await CountActionsAsync(asOf, ct);
        await CountScorecardsAsync(ct);
        var years = (await db.FeedbackCounts.Select(c => c.Month.Year).Distinct().ToListAsync(ct))
            .Union(await db.PublishedCells.Select(c => c.Year).Distinct().ToListAsync(ct)).Order();
        await publisher.PublishAsync(years, asOf, reset: last is null || last.Disclosure != options.Value.Method, ct);
        var run = await RecordAsync("full", started, null, asOf, counted, cells, 0, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    /// <summary>
    /// Adds the feedback that came in since the last run to the stored tallies of its cells, and
    /// recounts whole only the cells in which feedback the last run counted has changed since (an
    /// answer, a closure, a rejection, an edit) or passed its deadline. A row is new when its id is
    /// past the last run's <see cref="AggregationRun.FeedbackIdTo"/>: each run stops at the highest
    /// id among the rows stored before its watermark, and a row that commits late is, like any
    /// change, within the settle time of it.
    /// </summary>
    public async Task<AggregationRun> IncrementalAsync(CancellationToken ct)
    {
        await using var turn = await locks.AcquireAsync(LockName, ct);
        var last = await LastRunAsync(ct);
        if (last is not { FeedbackIdTo: { } countedBefore } || !SameMethod(last))
        {
            return await FullUnderLockAsync(ct);
        }

        var started = clock.GetUtcNow().UtcDateTime;
        var (from, to) = (last.WatermarkTo, started - SettleTime);
        var changed = await db.Feedback.Where(f => f.UpdatedAt > from && f.UpdatedAt <= to && f.Id <= countedBefore)
            .Select(f => new Cell(f.ProviderId, f.ReceivedMonth)).Distinct().ToListAsync(ct);
        // Open items whose deadline passed in between change the due and overdue counts without being
        // touched (only open items lack an answer: Closed follows Answered). A deadline has passed at a
        // run when it is before the run's watermark, as the counts judge it; (Status, DueAt) is indexed.
        changed = [.. changed.Union(await db.Feedback
            .Where(AnswerDeadline.OverdueAt(to)).Where(f => f.DueAt >= from && f.Id <= countedBefore)
            .Select(f => new Cell(f.ProviderId, f.ReceivedMonth)).Distinct().ToListAsync(ct))];

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var counted = await CountedToAsync(countedBefore, to, ct);
        foreach (var month in changed.GroupBy(c => c.Month))
        {
            var providers = month.Select(c => c.ProviderId).ToList();
            await DeleteCellsAsync(month.Key, providers, ct);
            await WriteAsync(await TallyAsync(
                Voices.Counted(db.Feedback, counted).Where(f => f.ReceivedMonth == month.Key && providers.Contains(f.ProviderId)), to, ct), ct);
        }

        // A voice heard again replaces its rating: the one it counted with is taken out as the new one is added.
        var added = await AddAsync(Voices.Counted(db.Feedback, counted).Where(f => f.Id > countedBefore),
            await Voices.ReplacedAsync(db.Feedback, countedBefore, counted, ct), [.. changed], to, ct);
        await CountActionsAsync(to, ct);
        await CountScorecardsAsync(ct);
        // Published figures change only when a quarter ends, or when feedback of one that has ended changes (a rejection, say).
        var affected = Protection.FigurePublisher.YearsAffected(changed.Concat(added).Select(c => c.Month), from, to);
        await publisher.PublishAsync(affected, to, reset: false, ct);
        var run = await RecordAsync("incremental", started, from, to, counted, changed.Count, added.Count, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    /// <summary>
    /// Where a run stops counting: the highest id of the feedback stored by <paramref name="asOf"/>,
    /// and never below where the last run stopped (<paramref name="after"/>), whose rows are counted
    /// even if one was changed since. Read from the newest row back, which stops at the first one old enough.
    /// </summary>
    private async Task<long> CountedToAsync(long after, DateTime asOf, CancellationToken ct) =>
        await db.Feedback.Where(f => f.Id > after && f.UpdatedAt <= asOf).OrderByDescending(f => f.Id).Select(f => (long?)f.Id).FirstOrDefaultAsync(ct) ?? after;

    private async Task DeleteCellsAsync(DateOnly month, List<int> providers, CancellationToken ct)
    {
        await CountsOf(month, providers).ExecuteDeleteAsync(ct);
        await ResponsivenessOf(month, providers).ExecuteDeleteAsync(ct);
    }

    /// <summary>The stored count rows of the given providers' cells of one month.</summary>
    private IQueryable<FeedbackCount> CountsOf(DateOnly month, List<int> providers) =>
        db.FeedbackCounts.Where(c => c.Month == month && providers.Contains(c.ProviderId));

    private IQueryable<ResponsivenessCount> ResponsivenessOf(DateOnly month, List<int> providers) =>
        db.ResponsivenessCounts.Where(c => c.Month == month && providers.Contains(c.ProviderId));

    /// <summary>
    /// Adds the given new feedback to the stored tallies of its cells, but for the cells in
    /// <paramref name="recounted"/> (counted whole with it already). On SQLite each new count row is
    /// added to the stored one in place (an upsert); on PostgreSQL, where a statement a row costs a
    /// round trip, the cells' stored rows are read into the tallies and written again through
    /// <c>COPY</c>. The responsiveness row of a cell, whose day histograms are text, is always read,
    /// merged and written again. Returns the cells it added to.
    /// </summary>
    private async Task<List<Cell>> AddAsync(
        IQueryable<FeedbackItem> fresh, IQueryable<FeedbackItem> replaced, HashSet<Cell> recounted, DateTime asOf, CancellationToken ct)
    {
        var tallies = await TallyAsync(fresh, asOf, ct);
        // What a replaced rating counted is the same as of now: had its deadline or anything of it changed, its cell would be recounted whole.
        var taken = await TallyAsync(replaced, asOf, ct);
        foreach (var cell in recounted)
        {
            tallies.Remove((cell.ProviderId, MonthKey(cell.Month)));
        }

        foreach (var (cell, tally) in taken.Where(t => tallies.ContainsKey(t.Key)))
        {
            tallies[cell].Subtract(tally);
        }

        var inPlace = !db.Database.IsNpgsql();
        var cells = tallies.Keys.Select(k => new Cell(k.ProviderId, MonthOf(k.MonthKey))).ToList();
        foreach (var month in cells.GroupBy(c => c.Month))
        {
            var (key, providers) = (MonthKey(month.Key), month.Select(c => c.ProviderId).ToList());
            if (!inPlace)
            {
                await foreach (var stored in CountsOf(month.Key, providers).AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
                {
                    tallies[(stored.ProviderId, key)].Add(stored);
                }

                await CountsOf(month.Key, providers).ExecuteDeleteAsync(ct);
            }

            await foreach (var stored in ResponsivenessOf(month.Key, providers).AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                tallies[(stored.ProviderId, key)].Add(stored);
            }

            await ResponsivenessOf(month.Key, providers).ExecuteDeleteAsync(ct);
        }

        if (inPlace)
        {
            await using var adder = await TableInserter<FeedbackCount>.PrepareAddingAsync(db, AddedColumns, ct);
            foreach (var row in CountRows(InKeyOrder(tallies)))
            {
                await adder.InsertAsync(row, ct);
            }

            await TableInserter<ResponsivenessCount>.InsertAllAsync(db, InKeyOrder(tallies).Select(c => c.Tally.Responsiveness(c.ProviderId, c.Month)), ct);
            // A value a replaced rating alone had is now zero: gone, as a full run would not write it.
            foreach (var month in taken.Keys.Where(tallies.ContainsKey).GroupBy(k => k.MonthKey))
            {
                var providers = month.Select(k => k.ProviderId).ToList();
                await CountsOf(MonthOf(month.Key), providers).Where(c => c.C1 == 0 && c.C2 == 0 && c.C3 == 0 && c.C4 == 0 && c.C5 == 0).ExecuteDeleteAsync(ct);
            }
        }
        else
        {
            await WriteAsync(tallies, ct);
        }

        return cells;
    }

    private static readonly string[] AddedColumns =
        [nameof(FeedbackCount.C1), nameof(FeedbackCount.C2), nameof(FeedbackCount.C3), nameof(FeedbackCount.C4), nameof(FeedbackCount.C5)];

    /// <summary>The cells' count rows in the table's key order, so that each write lands next to the last.</summary>
    private static IEnumerable<FeedbackCount> CountRows(IEnumerable<(int ProviderId, DateOnly Month, Tally Tally)> cells) =>
        cells.SelectMany(c => c.Tally.Counts(c.ProviderId, c.Month))
            .OrderBy(r => r.Month).ThenBy(r => r.Dimension, StringComparer.Ordinal).ThenBy(r => r.ProviderId).ThenBy(r => r.Value, StringComparer.Ordinal);

    private static IEnumerable<(int ProviderId, DateOnly Month, Tally Tally)> InKeyOrder(Dictionary<(int ProviderId, int MonthKey), Tally> tallies) =>
        tallies.OrderBy(t => t.Key.MonthKey).ThenBy(t => t.Key.ProviderId).Select(t => (t.Key.ProviderId, MonthOf(t.Key.MonthKey), t.Value));

    private static int MonthKey(DateOnly month) => month.Year * 12 + month.Month - 1;

    private static DateOnly MonthOf(int monthKey) => new(monthKey / 12, monthKey % 12 + 1, 1);

    private sealed record Cell(int ProviderId, DateOnly Month);

    /// <summary>The stages of a cycle whose scores were agreed at the interface meeting (stages are stored by name, so no range).</summary>
    private static readonly ScorecardStage[] AgreedStages = [.. Enum.GetValues<ScorecardStage>().Where(s => s >= ScorecardStage.ActionPlanAgreed)];

    /// <summary>
    /// Counts the given feedback into the tallies of its (provider, month) cells, with deadlines
    /// judged at <paramref name="asOf"/>, in one streaming pass over the rows. Each row adds to fixed
    /// slots of its cell's tally, so the cost is one read of each row, whatever the number of dimensions.
    /// </summary>
    private async Task<Dictionary<(int ProviderId, int MonthKey), Tally>> TallyAsync(IQueryable<FeedbackItem> source, DateTime asOf, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var read = 0;
        var tallies = new Dictionary<(int ProviderId, int MonthKey), Tally>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = FeedbackScan.Query(source.Where(f => f.Status != FeedbackStatus.Rejected), Parts, asOf).CreateDbCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(ct);
            int Column(string name) => reader.GetOrdinal(name);
            var (provider, month, line, toAnswer, toClose, packed) = (Column(nameof(FeedbackScan.Row.ProviderId)), Column(nameof(FeedbackScan.Row.MonthKey)),
                Column(nameof(FeedbackScan.Row.ServiceLineCode)), Column(nameof(FeedbackScan.Row.DaysToAnswer)), Column(nameof(FeedbackScan.Row.DaysToClose)),
                Column(nameof(FeedbackScan.Row.Packed)));
            var slots = new int[FixedDimensions.Length];
            while (await reader.ReadAsync(ct))
            {
                FeedbackScan.Unpack(reader.GetInt32(packed), Parts, slots.AsSpan(1), out var score, out var flags);
                var cell = (reader.GetInt32(provider), reader.GetInt32(month));
                if (!tallies.TryGetValue(cell, out var tally))
                {
                    tallies[cell] = tally = new Tally();
                }

                tally.Add(score, slots, reader.IsDBNull(line) ? NotGiven : reader.GetString(line), flags,
                    reader.IsDBNull(toAnswer) ? null : reader.GetInt32(toAnswer), reader.IsDBNull(toClose) ? null : reader.GetInt32(toClose));
                read++;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        logger.LogDebug("Read {Rows} feedback rows into {Cells} cells in {Read:F2} s", read, tallies.Count, watch.Elapsed.TotalSeconds);
        return tallies;
    }

    /// <summary>Writes every row of the given cells (whose old rows are gone); returns how many cells.</summary>
    private async Task<int> WriteAsync(Dictionary<(int ProviderId, int MonthKey), Tally> tallies, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Rows go in in key order, so that every insert appends to the end of the tables' trees.
        var cells = InKeyOrder(tallies).ToList();
        await TableInserter<FeedbackCount>.InsertAllAsync(db, CountRows(cells), ct);
        await TableInserter<ResponsivenessCount>.InsertAllAsync(db, cells.Select(c => c.Tally.Responsiveness(c.ProviderId, c.Month)), ct);
        logger.LogDebug("Wrote {Cells} cells in {Written:F2} s", cells.Count, watch.Elapsed.TotalSeconds);
        return cells.Count;
    }
}
