using Masam.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Reminders;

public sealed class OutboxSenderTests
{
    [Fact]
    public async Task WithSmtpConfigured_TheOutboxIsSent_AndMarkedSent()
    {
        await using var smtp = new FakeSmtpServer();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new MasamAppFactory(
            ("Masam:Reminders:Smtp:Host", "127.0.0.1"), ("Masam:Reminders:Smtp:Port", smtp.Port.ToString()),
            ("Masam:Reminders:Smtp:UseStartTls", "false"), ("Masam:Reminders:Smtp:From", "masam@test.mn"))
        {
            ConfigureServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        await factory.WithDbAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage { Kind = "overdue-reminder", To = "zavkhan@test.mn", Subject = "Хугацаа хэтэрсэн / Overdue", Body = "Санал хүсэлт #1", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        clock.Advance(TimeSpan.FromSeconds(30));

        await Eventually.WaitAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            return !await factory.WithDbAsync(db => db.Outbox.AnyAsync(m => m.SentAt == null));
        });

        var message = await factory.WithDbAsync(db => db.Outbox.SingleAsync());
        Assert.NotNull(message.SentAt);
        Assert.Equal(1, message.Attempts);
        var (to, data) = Assert.Single(smtp.Received);
        Assert.Equal("zavkhan@test.mn", to);
        Assert.Contains("masam@test.mn", data);
    }

    [Fact]
    public async Task WithoutSmtp_TheOutboxWaits_ForAdminToRead()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new MasamAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };
        await factory.WithDbAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage { Kind = "overdue-reminder", To = "zavkhan@test.mn", Subject = "s", Body = "b", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(300);

        var message = await factory.WithDbAsync(db => db.Outbox.SingleAsync());
        Assert.Null(message.SentAt);
        Assert.Equal(0, message.Attempts);
    }
}
