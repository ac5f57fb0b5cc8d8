using Masam.Web.Data;
using Masam.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Sms;

/// <summary>
/// Sends the outbox's SMS through the configured gateway: woken as soon as a reply is queued, and
/// every few seconds for retries; oldest first, several at once. A message is marked sent when the
/// gateway takes it and delivered when the gateway reports it so; a failure is retried after a
/// doubling back-off, up to <see cref="OutboxMessage.MaxAttempts"/> attempts.
/// </summary>
public sealed class SmsSender(IServiceScopeFactory scopes, IOptions<SmsOptions> options, TimeProvider clock, Infrastructure.MasamMetrics metrics, ILogger<SmsSender> logger)
    : BackgroundService
{
    private const int Batch = 200;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Something was queued: look at the outbox now rather than at the next tick.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Gateway is null)
        {
            return; // no gateway: replies wait in the outbox, where Admin sees them
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending SMS failed; the outbox is tried again");
                sent = 0;
            }

            if (sent < Batch)
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch of the SMS that are due; returns how many it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        var gateway = scope.ServiceProvider.GetRequiredKeyedService<ISmsGateway>(options.Value.Gateway);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.Channel == OutboxChannel.Sms && m.State == OutboxState.Queued && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var answers = new GatewayAnswer[due.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, due.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = ct }, async (i, token) =>
        {
            try
            {
                answers[i] = await gateway.SendAsync(due[i], token);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
            {
                answers[i] = new GatewayAnswer(false, ex.Message);
            }
        });

        var at = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var accepted = due.Where((_, i) => answers[i].Accepted).Select(m => m.Id).ToList();
        if (accepted.Count > 0)
        {
            // The gateway's delivery report may already have come back: it is not undone.
            await db.Outbox.Where(m => accepted.Contains(m.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.SentAt, at)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.NextAttemptAt, (DateTime?)null)
                .SetProperty(m => m.State, m => m.State == OutboxState.Queued ? OutboxState.Sent : m.State), CancellationToken.None);
        }

        foreach (var (message, answer) in due.Zip(answers).Where(p => !p.Second.Accepted))
        {
            message.Attempts++;
            if (answer.Permanent)
            {
                message.LastError = answer.Error;
                message.GiveUp(at);
            }
            else
            {
                message.Failed(answer.Error ?? "failed", at);
            }

            logger.LogInformation("SMS {Id} was not taken by the gateway ({Error}); attempt {Attempts}", message.Id, message.LastError, message.Attempts);
            await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Attempts, message.Attempts)
                .SetProperty(m => m.LastError, message.LastError)
                .SetProperty(m => m.NextAttemptAt, message.NextAttemptAt)
                .SetProperty(m => m.State, message.State)
                .SetProperty(m => m.To, message.To), CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        foreach (var (message, answer) in due.Zip(answers))
        {
            metrics.OutboundMessage("sms", answer.Accepted ? "sent" : message.State == OutboxState.Failed ? "failed" : "retrying");
        }

        return due.Count;
    }
}
