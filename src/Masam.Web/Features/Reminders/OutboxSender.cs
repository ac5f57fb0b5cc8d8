using MailKit.Net.Smtp;
using MailKit.Security;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masam.Web.Features.Reminders;

/// <summary>
/// Sends the outbox by SMTP when <c>Masam:Reminders:Smtp:Host</c> is set: every 30 seconds, oldest
/// first, each message marked sent only after the server took it; a failure is recorded on the
/// message and retried, up to 10 attempts.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
    : BackgroundService
{
    private const int MaxAttempts = 10;

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
            var pending = await db.Outbox.Where(m => m.SentAt == null && m.Attempts < MaxAttempts).OrderBy(m => m.Id).Take(50).ToListAsync(stoppingToken);
            if (pending.Count == 0)
            {
                continue;
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
                    message.Attempts++;
                    var mime = new MimeMessage();
                    mime.From.Add(MailboxAddress.Parse(smtp.From));
                    mime.To.Add(MailboxAddress.Parse(message.To));
                    mime.Subject = message.Subject;
                    mime.Body = new TextPart("plain") { Text = message.Body };
                    await client.SendAsync(mime, stoppingToken);
                    message.SentAt = clock.GetUtcNow().UtcDateTime;
                    message.LastError = null;
                }

                await client.DisconnectAsync(true, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending the outbox failed; it is retried");
                foreach (var message in pending.Where(m => m.SentAt is null))
                {
                    message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
