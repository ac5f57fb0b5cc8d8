using System.Threading.Channels;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// Stores submissions with group commit: requests that arrive together are written in one
/// transaction, and each caller is answered only after that transaction has committed. Under load
/// this turns many small SQLite write transactions (each waiting for the write lock and a sync)
/// into a few larger ones, without ever answering 2xx for a row that is not durable.
/// </summary>
public sealed class FeedbackWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FeedbackWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;
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
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                await InsertAsync(batch);
                return;
            }
            catch (Exception ex)
            {
                // One row spoiled the batch (a repeated Idempotency-Key, most likely): write each
                // alone so that the others are stored and the odd one gets its own answer.
                logger.LogDebug(ex, "A batch of {Count} feedback items failed; writing them one by one", batch.Count);
            }
        }

        foreach (var pending in batch)
        {
            try
            {
                await InsertAsync([pending]);
            }
            catch (Exception ex)
            {
                await ResolveSingleFailureAsync(pending, ex);
            }
        }
    }

    private async Task InsertAsync(IReadOnlyList<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<(Pending Pending, FeedbackItem Item)>(batch.Count);
        foreach (var pending in batch)
        {
            var f = pending.Feedback;
            var item = new FeedbackItem
            {
                TrackingCode = TrackingCode.New(),
                ProviderId = f.ProviderId,
                ServiceLineCode = f.ServiceLineCode,
                Score = f.Score,
                Comment = f.Comment,
                Channel = f.Channel,
                Gender = f.Gender,
                AgeBand = f.AgeBand,
                HasDisability = f.HasDisability,
                HerderHousehold = f.HerderHousehold,
                Status = FeedbackStatus.Received,
                ReceivedAt = now,
                UpdatedAt = now,
                Contact = f.Contact is null ? null : new FeedbackContact { Name = f.Contact.Name, Phone = f.Contact.Phone, Email = f.Contact.Email },
            };
            db.Feedback.Add(item);
            if (pending.Key is { } key)
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    KeyHash = key.KeyHash,
                    RequestHash = key.RequestHash,
                    CreatedAt = now,
                    Feedback = item,
                });
            }

            rows.Add((pending, item));
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync();

        foreach (var (pending, item) in rows)
        {
            pending.Result.TrySetResult(FeedbackReceipt.For(item.TrackingCode, item.ReceivedAt));
        }
    }

    private async Task ResolveSingleFailureAsync(Pending pending, Exception error)
    {
        if (pending.Key is { } key)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
            try
            {
                // A request with the same key was stored meanwhile: answer as a retry would be.
                if (await key.FindReplayAsync(db, CancellationToken.None) is { } replay)
                {
                    pending.Result.TrySetResult(replay);
                    return;
                }
            }
            catch (IdempotencyKeyReusedException reused)
            {
                pending.Result.TrySetException(reused);
                return;
            }
        }

        logger.LogError(error, "Feedback could not be stored");
        pending.Result.TrySetException(error);
    }

    private sealed record Pending(NewFeedback Feedback, IdempotencyKey? Key)
    {
        public TaskCompletionSource<FeedbackReceipt> Result { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
