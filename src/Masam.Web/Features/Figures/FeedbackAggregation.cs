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
/// The full run recounts everything; the incremental run recounts only the (provider, month) cells
/// in which some feedback changed, or passed its deadline, since the last run's watermark, and so
/// ends with exactly the rows a full run would. Each run is one transaction: one that dies half-way
/// leaves the previous figures as they were, and is simply run again.
/// Runs take turns across all nodes (a <see cref="DatabaseLock"/>): a scheduled incremental run
/// and a full run asked for on another node would otherwise recount the same cells at once.
/// </summary>
public sealed partial class FeedbackAggregation(
    MasamDbContext db, TimeProvider clock, ILogger<FeedbackAggregation> logger, DatabaseLock locks, Protection.FigurePublisher publisher,
    Microsoft.Extensions.Options.IOptions<FigureOptions> options)
{
    private const string LockName = "aggregation";

    /// <summary>
    /// Raised whenever what is counted, or how, changes; every run records it (with the disclosure
    /// method and threshold), and a change of any of them forces a full run. 3: satisfaction is
    /// published per closed quarter and year, protected as linked tables.
    /// </summary>
    public const string MethodVersion = "3";

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
        await db.FeedbackCounts.ExecuteDeleteAsync(ct);
        await db.ResponsivenessCounts.ExecuteDeleteAsync(ct);
        var cells = await CountFeedbackAsync(db.Feedback, asOf, ct);
        await CountActionsAsync(asOf, ct);
        await CountScorecardsAsync(ct);
        var years = (await db.FeedbackCounts.Select(c => c.Month.Year).Distinct().ToListAsync(ct))
            .Union(await db.PublishedCells.Select(c => c.Year).Distinct().ToListAsync(ct)).Order();
        await publisher.PublishAsync(years, asOf, reset: last is null || !SameMethod(last), ct);
        var run = await RecordAsync("full", started, null, asOf, cells, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    public async Task<AggregationRun> IncrementalAsync(CancellationToken ct)
    {
        await using var turn = await locks.AcquireAsync(LockName, ct);
        var last = await LastRunAsync(ct);
        if (last is null || !SameMethod(last))
        {
            return await FullUnderLockAsync(ct);
        }

        var started = clock.GetUtcNow().UtcDateTime;
        var (from, to) = (last.WatermarkTo, started - SettleTime);
        var changed = await db.Feedback.Where(f => f.UpdatedAt > from && f.UpdatedAt <= to)
            .Select(f => new Cell(f.ProviderId, f.ReceivedMonth)).Distinct().ToListAsync(ct);
        // Open items whose deadline passed in between change the due and overdue counts without being
        // touched (only open items lack an answer: Closed follows Answered). A deadline has passed at a
        // run when it is before the run's watermark, as the counts judge it; (Status, DueAt) is indexed.
        changed = [.. changed.Union(await db.Feedback
            .Where(AnswerDeadline.OverdueAt(to)).Where(f => f.DueAt >= from)
            .Select(f => new Cell(f.ProviderId, f.ReceivedMonth)).Distinct().ToListAsync(ct))];

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var month in changed.GroupBy(c => c.Month))
        {
            var providers = month.Select(c => c.ProviderId).ToList();
            await db.FeedbackCounts.Where(c => c.Month == month.Key && providers.Contains(c.ProviderId)).ExecuteDeleteAsync(ct);
            await db.ResponsivenessCounts.Where(c => c.Month == month.Key && providers.Contains(c.ProviderId)).ExecuteDeleteAsync(ct);
            await CountFeedbackAsync(db.Feedback.Where(f => f.ReceivedMonth == month.Key && providers.Contains(f.ProviderId)), to, ct);
        }

        await CountActionsAsync(to, ct);
        await CountScorecardsAsync(ct);
        // Published figures change only when a quarter ends, or when feedback of one that has ended changes (a rejection, say).
        await publisher.PublishAsync(Protection.FigurePublisher.YearsAffected(changed.Select(c => c.Month), from, to), to, reset: false, ct);
        var run = await RecordAsync("incremental", started, from, to, changed.Count, ct);
        await transaction.CommitAsync(ct);
        return run;
    }

    /// <summary>Runs an incremental aggregation unless the last run already counted everything up to <paramref name="moment"/>.</summary>
    public async Task EnsureCountedAsync(DateTime moment, CancellationToken ct)
    {
        if (await LastRunAsync(ct) is not { } last || last.WatermarkTo < moment || !SameMethod(last)) await IncrementalAsync(ct);
    }

    private Task<AggregationRun?> LastRunAsync(CancellationToken ct) =>
        db.AggregationRuns.AsNoTracking().OrderByDescending(r => r.WatermarkTo).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>Whether a run counted and protected the figures as this app would now.</summary>
    private bool SameMethod(AggregationRun run) => run.MethodVersion == MethodVersion && run.Disclosure == options.Value.Method;

    private sealed record Cell(int ProviderId, DateOnly Month);

    /// <summary>The stages of a cycle whose scores were agreed at the interface meeting (stages are stored by name, so no range).</summary>
    private static readonly ScorecardStage[] AgreedStages = [.. Enum.GetValues<ScorecardStage>().Where(s => s >= ScorecardStage.ActionPlanAgreed)];

    private async Task<AggregationRun> RecordAsync(string kind, DateTime started, DateTime? from, DateTime to, int cells, CancellationToken ct)
    {
        var run = new AggregationRun
        {
            Kind = kind, MethodVersion = MethodVersion, Disclosure = options.Value.Method, SuppressionThreshold = options.Value.SuppressionThreshold,
            StartedAt = started, FinishedAt = clock.GetUtcNow().UtcDateTime,
            WatermarkFrom = from, WatermarkTo = to, CellsRecounted = cells,
        };
        db.AggregationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Aggregation {Kind} recounted {Cells} cells up to {Watermark:o}", kind, cells, to);
        return run;
    }

    /// <summary>
    /// Counts the given feedback into every figure row of its (provider, month) cells, with
    /// deadlines judged at <paramref name="asOf"/>, in one streaming pass over the rows; returns how
    /// many cells it covered. Each row adds to fixed slots of its cell's tally, so the cost is one
    /// read of each row, whatever the number of dimensions.
    /// </summary>
    private async Task<int> CountFeedbackAsync(IQueryable<FeedbackItem> source, DateTime asOf, CancellationToken ct)
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

        var readTime = watch.Elapsed;

        // Rows go in in key order, so that every insert appends to the end of the tables' trees.
        var cells = tallies.OrderBy(t => t.Key.MonthKey).ThenBy(t => t.Key.ProviderId)
            .Select(t => (t.Key.ProviderId, Month: new DateOnly(t.Key.MonthKey / 12, t.Key.MonthKey % 12 + 1, 1), Tally: t.Value)).ToList();
        await TableInserter<FeedbackCount>.InsertAllAsync(db, cells.SelectMany(c => c.Tally.Counts(c.ProviderId, c.Month))
            .OrderBy(r => r.Month).ThenBy(r => r.Dimension, StringComparer.Ordinal).ThenBy(r => r.ProviderId).ThenBy(r => r.Value, StringComparer.Ordinal), ct);
        await TableInserter<ResponsivenessCount>.InsertAllAsync(db, cells.Select(c => c.Tally.Responsiveness(c.ProviderId, c.Month)), ct);
        logger.LogDebug("Counted {Rows} feedback rows into {Cells} cells: read in {Read:F2} s, written in {Written:F2} s",
            read, cells.Count, readTime.TotalSeconds, (watch.Elapsed - readTime).TotalSeconds);
        return cells.Count;
    }

    /// <summary>A dimension with a fixed set of values: each slot's name, and how the scan finds an item's slot (none for <c>all</c>).</summary>
    private sealed record FixedDimension(string Name, string[] Values, FeedbackScan.Part? Part);

    private static string[] Names<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(WireEnum<T>.Name), NotGiven];

    private static readonly string[] YesNo = ["yes", "no", NotGiven];

    /// <summary>The dimensions with fixed values, in the order of their slots; the service line is counted by its code beside them.</summary>
    private static readonly FixedDimension[] FixedDimensions =
    [
        new("all", [""], null),
        new("gender", Names<Gender>(), FeedbackScan.EnumPart<Gender>(f => f.Gender)),
        new("age-band", Names<AgeBand>(), FeedbackScan.EnumPart<AgeBand>(f => f.AgeBand)),
        new("disability", YesNo, FeedbackScan.YesNoPart(f => f.HasDisability)),
        new("herder-household", YesNo, FeedbackScan.YesNoPart(f => f.HerderHousehold)),
        new("channel", [.. Enum.GetValues<FeedbackChannel>().Select(WireEnum<FeedbackChannel>.Name)], FeedbackScan.RequiredEnumPart<FeedbackChannel>(f => f.Channel)),
    ];

    /// <summary>The parts of the scan's packed integer: every fixed dimension after <c>all</c>, in order.</summary>
    private static readonly FeedbackScan.Part[] Parts = [.. FixedDimensions.Skip(1).Select(d => d.Part!)];

    private static readonly int[] Offsets = [.. FixedDimensions.Select((_, i) => FixedDimensions.Take(i).Sum(d => d.Values.Length * 5))];

    /// <summary>The dimensions figures are broken down by (each value's rows sum to the <c>all</c> row).</summary>
    public static readonly IReadOnlyList<string> DimensionNames = [.. FixedDimensions.Select(d => d.Name), "service-line"];

    /// <summary>The running counts of one (provider, month) cell.</summary>
    private sealed class Tally
    {
        private readonly int[] _scores = new int[Offsets[^1] + FixedDimensions[^1].Values.Length * 5];
        private readonly Dictionary<string, int[]> _serviceLines = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> _daysToAnswer = [];
        private readonly Dictionary<int, int> _daysToClose = [];
        private int _received, _due, _answered, _answeredOnTime, _closed, _overdue;

        /// <param name="score">0-4.</param>
        /// <param name="slots">The item's slot in each fixed dimension, <c>all</c> (always 0) first.</param>
        public void Add(int score, int[] slots, string serviceLine, int flags, int? daysToAnswer, int? daysToClose)
        {
            for (var d = 0; d < slots.Length; d++)
            {
                _scores[Offsets[d] + slots[d] * 5 + score]++;
            }

            if (!_serviceLines.TryGetValue(serviceLine, out var lineScores)) _serviceLines[serviceLine] = lineScores = new int[5];
            lineScores[score]++;

            _received++;
            var closed = (flags & FeedbackScan.Closed) != 0;
            if ((flags & FeedbackScan.Due) != 0) _due++;
            if ((flags & FeedbackScan.Answered) != 0) _answered++;
            if ((flags & FeedbackScan.AnsweredOnTime) != 0) _answeredOnTime++;
            if (closed) _closed++;
            if ((flags & FeedbackScan.Overdue) != 0) _overdue++;
            if (daysToAnswer is { } toAnswer) _daysToAnswer[toAnswer] = _daysToAnswer.GetValueOrDefault(toAnswer) + 1;
            if (closed && daysToClose is { } toClose) _daysToClose[toClose] = _daysToClose.GetValueOrDefault(toClose) + 1;
        }

        /// <summary>A row for every value of every dimension that some response had, in key order.</summary>
        public IEnumerable<FeedbackCount> Counts(int providerId, DateOnly month)
        {
            var rows = new List<FeedbackCount>();
            for (var d = 0; d < FixedDimensions.Length; d++)
            {
                for (var slot = 0; slot < FixedDimensions[d].Values.Length; slot++)
                {
                    var at = Offsets[d] + slot * 5;
                    if (_scores.AsSpan(at, 5).ContainsAnyExcept(0))
                    {
                        rows.Add(Count(providerId, month, FixedDimensions[d].Name, FixedDimensions[d].Values[slot], _scores.AsSpan(at, 5)));
                    }
                }
            }

            rows.AddRange(_serviceLines.Select(l => Count(providerId, month, "service-line", l.Key, l.Value)));
            return rows;
        }

        public ResponsivenessCount Responsiveness(int providerId, DateOnly month) => new()
        {
            ProviderId = providerId, Month = month, Received = _received, Due = _due, Answered = _answered, AnsweredOnTime = _answeredOnTime,
            Closed = _closed, Overdue = _overdue, DaysToAnswer = DayHistogram.Format(_daysToAnswer), DaysToClose = DayHistogram.Format(_daysToClose),
        };

        private static FeedbackCount Count(int providerId, DateOnly month, string dimension, string value, ReadOnlySpan<int> c) => new()
        {
            ProviderId = providerId, Month = month, Dimension = dimension, Value = value, C1 = c[0], C2 = c[1], C3 = c[2], C4 = c[3], C5 = c[4],
        };
    }
}
