using MailKit.Net.Smtp;
using MailKit.Security;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masam.Web.Features.Reminders;

/// <summary>
/// Sends the outbox's e-mail by SMTP when <c>Masam:Reminders:Smtp:Host</c> is set: every 30 seconds,
/// oldest first, each message marked sent only after the server took it; a failure is recorded on
/// the message and retried after a doubling back-off, up to 10 attempts.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider clock, Infrastructure.MasamMetrics metrics, ILogger<OutboxSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var pending = await db.Outbox
                .Where(m => m.Channel == OutboxChannel.Email && m.State == OutboxState.Queued && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.Id).Take(50).ToListAsync(stoppingToken);
            if (pending.Count == 0)
            {
                continue;
            }

            foreach (var message in pending)
            {
                message.Attempts++; // a round is an attempt for each message in it, sent or not
            }

            using var client = new SmtpClient();
            try
            {
                await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, stoppingToken);
                if (!string.IsNullOrEmpty(smtp.UserName))
                {
                    await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", stoppingToken);
                }

                foreach (var message in pending)
                {
                    var mime = new MimeMessage();
                    mime.From.Add(MailboxAddress.Parse(smtp.From));
                    mime.To.Add(MailboxAddress.Parse(message.To));
                    mime.Subject = message.Subject;
                    mime.Body = new TextPart("plain") { Text = message.Body };
                    await client.SendAsync(mime, stoppingToken);
                    message.SentAt = clock.GetUtcNow().UtcDateTime;
                    message.State = OutboxState.Sent;
                    message.LastError = null;
                    metrics.OutboundMessage("email", "sent");
                }

                await client.DisconnectAsync(true, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending the outbox failed; it is retried");
                foreach (var message in pending.Where(m => m.SentAt is null))
                {
                    message.Failed(ex.Message, now);
                    metrics.OutboundMessage("email", message.State == OutboxState.Failed ? "failed" : "retrying");
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
