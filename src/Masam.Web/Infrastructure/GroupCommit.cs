using System.Threading.Channels;
using Masam.Web.Data;

namespace Masam.Web.Infrastructure;

/// <summary>
/// Group commit for small writes that arrive together (an SMS gateway's messages, its delivery
/// reports): each caller queues its item and is answered after the transaction that wrote it has
/// committed; items waiting together are written in one transaction. When a batch fails (a unique
/// index met another node's row, say), each of its items is written alone, so that the others are
/// stored and the odd one gets its own answer.
/// </summary>
public abstract class GroupCommit<TItem, TResult>(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Result)> _queue =
        Channel.CreateBounded<(TItem, TaskCompletionSource<TResult>)>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public async Task<TResult> WriteAsync(TItem item, CancellationToken ct)
    {
        var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((item, result), ct);
        return await result.Task; // once queued it is written even if the caller gives up
    }

    /// <summary>Writes the items in the context's transaction (the caller commits) and returns each one's result.</summary>
    protected abstract Task<TResult[]> WriteBatchAsync(MasamDbContext db, IReadOnlyList<TItem> items, CancellationToken ct);

    /// <summary>The answer for an item that could not be written alone (false: its caller gets the error).</summary>
    protected virtual bool TryAnswerFailure(TItem item, Exception error, out TResult result)
    {
        result = default!;
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Result)>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                await WriteAllAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count > 0) await WriteAllAsync(batch);
        }
    }

    private async Task WriteAllAsync(List<(TItem Item, TaskCompletionSource<TResult> Result)> batch)
    {
        try
        {
            Answer(batch, await CommitAsync(batch.Select(b => b.Item).ToList()));
            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            logger.LogDebug(ex, "A batch of {Count} failed; writing its items one by one", batch.Count);
        }
        catch (Exception ex)
        {
            Fail(batch[0], ex);
            return;
        }

        foreach (var one in batch)
        {
            try
            {
                Answer([one], await CommitAsync([one.Item]));
            }
            catch (Exception ex)
            {
                Fail(one, ex);
            }
        }
    }

    private async Task<TResult[]> CommitAsync(IReadOnlyList<TItem> items)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var results = await WriteBatchAsync(db, items, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return results;
    }

    private static void Answer(List<(TItem Item, TaskCompletionSource<TResult> Result)> batch, TResult[] results)
    {
        for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(results[i]);
    }

    private void Fail((TItem Item, TaskCompletionSource<TResult> Result) one, Exception error)
    {
        if (TryAnswerFailure(one.Item, error, out var result))
        {
            one.Result.TrySetResult(result);
            return;
        }

        logger.LogError(error, "A write could not be stored");
        one.Result.TrySetException(error);
    }
}
