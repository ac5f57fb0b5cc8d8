using System.Threading.Channels;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// Stores submissions with group commit: requests that arrive together are written in one
/// transaction, and each caller is answered only after that transaction has committed. Under load
/// this turns many small write transactions, each waiting for the database's write lock and a
/// sync, into a few larger ones, without ever answering 2xx for a row that is not stored.
/// </summary>
/// <remarks>
/// Retries are recognised here too, for the whole batch in one query: a submission whose
/// Idempotency-Key is already stored gets the first result (or, with another body, a
/// <see cref="IdempotencyKeyReusedException"/>) and is not written again.
/// </remarks>
public sealed class FeedbackWriter(
    IServiceScopeFactory scopes, HolidayCalendar holidays, Providers.ProviderDirectory providers, Voices voices, TimeProvider clock, Infrastructure.MasamMetrics metrics, ILogger<FeedbackWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;
    private FeedbackWriterSession? _session;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public async Task<FeedbackReceipt> SubmitAsync(NewFeedback feedback, IdempotencyKey? key, CancellationToken ct)
    {
        var pending = new Pending(feedback, key);
        await _queue.Writer.WriteAsync(pending, ct);
        // Once queued the write goes ahead even if the caller gives up: a retry with the same
        // Idempotency-Key then finds it instead of storing it twice.
        return await pending.Result.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is written before the host stops.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch);
            }
        }
        finally
        {
            await CloseSessionAsync();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        List<Pending> fresh;
        try
        {
            fresh = await SkipRetriesAsync(batch);
        }
        catch (Exception ex)
        {
            Fail(batch, ex);
            return;
        }

        // A key twice in one batch: the first is written, the others answer with its result.
        var firsts = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var repeats = new List<(Pending Repeat, Pending First)>();
        var toInsert = new List<Pending>(fresh.Count);
        foreach (var pending in fresh)
        {
            if (pending.Key is { } key && !firsts.TryAdd(key.KeyHash, pending))
            {
                repeats.Add((pending, firsts[key.KeyHash]));
            }
            else
            {
                toInsert.Add(pending);
            }
        }

        await InsertAllAsync(toInsert);

        foreach (var (repeat, first) in repeats)
        {
            _ = first.Result.Task.ContinueWith(done =>
            {
                if (done.IsCompletedSuccessfully && first.Key!.RequestHash == repeat.Key!.RequestHash)
                    repeat.Result.TrySetResult(done.Result with { Replayed = true });
                else if (done.IsCompletedSuccessfully)
                    repeat.Result.TrySetException(new IdempotencyKeyReusedException());
                else
                    repeat.Result.TrySetException(done.Exception!.InnerException!);
            }, TaskScheduler.Default);
        }
    }

    /// <summary>Answers the submissions whose key is already stored; returns the others.</summary>
    private async Task<List<Pending>> SkipRetriesAsync(List<Pending> batch)
    {
        var hashes = batch.Where(p => p.Key is not null).Select(p => p.Key!.KeyHash).Distinct().ToList();
        if (hashes.Count == 0)
        {
            return batch;
        }

        var session = await SessionAsync();
        Dictionary<string, StoredIdempotencyKey> stored;
        try
        {
            stored = await IdempotencyKey.FindAsync(session.Db, hashes, CancellationToken.None);
        }
        catch
        {
            await CloseSessionAsync();
            throw;
        }

        if (stored.Count == 0)
        {
            return batch;
        }

        var fresh = new List<Pending>(batch.Count);
        foreach (var pending in batch)
        {
            if (pending.Key is { } key && stored.TryGetValue(key.KeyHash, out var earlier))
            {
                Answer(pending, key, earlier);
            }
            else
            {
                fresh.Add(pending);
            }
        }

        return fresh;
    }

    private async Task InsertAllAsync(List<Pending> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        try
        {
            await InsertAsync(items);
            return;
        }
        catch (Exception ex) when (items.Count > 1)
        {
            // One row spoiled the batch (a key stored by another node a moment ago, say): write
            // each alone so that the others are stored and the odd one gets its own answer.
            logger.LogDebug(ex, "A batch of {Count} feedback items failed; writing them one by one", items.Count);
        }
        catch (Exception ex)
        {
            await ResolveFailureAsync(items[0], ex);
            return;
        }

        foreach (var pending in items)
        {
            try
            {
                await InsertAsync([pending]);
            }
            catch (Exception ex)
            {
                await ResolveFailureAsync(pending, ex);
            }
        }
    }

    private async Task InsertAsync(IReadOnlyList<Pending> batch)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await holidays.CurrentAsync(CancellationToken.None);
        var rows = new List<(FeedbackItem Item, IdempotencyKey? Key)>(batch.Count);
        foreach (var pending in batch)
        {
            var aimag = await providers.AimagOfAsync(pending.Feedback.ProviderId, CancellationToken.None);
            var item = pending.Feedback.ToItem(TrackingCodes.New(), now, aimag, calendar);
            item.Voice = await voices.ForAsync(pending.Feedback.Voice, item.ProviderId, item.ReceivedMonth, CancellationToken.None);
            item.Network = await voices.ForAsync(pending.Feedback.Network, item.ProviderId, item.ReceivedMonth, CancellationToken.None);
            rows.Add((item, pending.Key));
        }

        var session = await SessionAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await session.InsertAsync(rows, CancellationToken.None);
        }
        catch
        {
            await CloseSessionAsync();
            throw;
        }

        metrics.WriterBatch(batch.Count, watch.Elapsed);
        foreach (var (item, _) in rows)
        {
            metrics.SubmissionAccepted(Infrastructure.WireEnum<FeedbackChannel>.Name(item.Channel));
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Result.TrySetResult(FeedbackReceipt.For(rows[i].Item.TrackingCode, rows[i].Item.ReceivedAt));
        }
    }

    private async Task<FeedbackWriterSession> SessionAsync() =>
        _session ??= await FeedbackWriterSession.OpenAsync(scopes, CancellationToken.None);

    private async Task CloseSessionAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }
    }

    private async Task ResolveFailureAsync(Pending pending, Exception error)
    {
        if (pending.Key is { } key)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
            var stored = await IdempotencyKey.FindAsync(db, [key.KeyHash], CancellationToken.None);
            if (stored.TryGetValue(key.KeyHash, out var earlier))
            {
                Answer(pending, key, earlier);
                return;
            }
        }

        logger.LogError(error, "Feedback could not be stored");
        pending.Result.TrySetException(error);
    }

    private static void Answer(Pending pending, IdempotencyKey key, StoredIdempotencyKey earlier)
    {
        if (earlier.RequestHash == key.RequestHash)
            pending.Result.TrySetResult(earlier.Receipt with { Replayed = true });
        else
            pending.Result.TrySetException(new IdempotencyKeyReusedException());
    }

    private void Fail(IEnumerable<Pending> batch, Exception error)
    {
        logger.LogError(error, "Feedback could not be stored");
        foreach (var pending in batch)
        {
            pending.Result.TrySetException(error);
        }
    }

    private sealed record Pending(NewFeedback Feedback, IdempotencyKey? Key)
    {
        public TaskCompletionSource<FeedbackReceipt> Result { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
