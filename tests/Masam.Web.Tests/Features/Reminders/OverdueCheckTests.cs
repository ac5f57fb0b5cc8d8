using System.Net.Http.Json;
using System.Text.Json;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Tests.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Features.Reminders;

public sealed class OverdueCheckTests
{
    private static async Task<(MasamAppFactory Factory, FakeTimeProvider Clock, int Provider)> ArrangeAsync(params (string, string?)[] settings)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var factory = new MasamAppFactory(settings) { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };
        var provider = await factory.AddProviderAsync("MN18101");
        await factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        await factory.CreateStaffAsync("manager@test.mn", StaffRoles.ProviderManager, providers: [provider]);
        await factory.CreateStaffAsync("bayanzurkh@test.mn", StaffRoles.LocalOfficial, units: ["MN51110"]);
        await factory.CreateStaffAsync("analyst@test.mn", StaffRoles.MinistryAnalyst);
        await factory.CreateStaffAsync("admin@test.mn", StaffRoles.Admin);
        return (factory, clock, provider);
    }

    private static async Task SubmitAsync(MasamAppFactory factory, int provider, int count = 1)
    {
        var client = factory.CreateClient();
        for (var i = 0; i < count; i++)
        {
            await client.PostAsJsonAsync("/api/v1/feedback", new { providerId = provider, score = 2 });
        }
    }

    [Fact]
    public async Task OverdueItems_AreFlaggedOnce_AndWhoeverMustAnswerIsReminded()
    {
        var (factory, clock, provider) = await ArrangeAsync();
        using var _ = factory;
        await SubmitAsync(factory, provider, count: 2);
        await factory.WithDbAsync(async db =>
        {
            var answered = await db.Feedback.OrderBy(f => f.Id).FirstAsync();
            answered.Status = FeedbackStatus.Answered;
            await db.SaveChangesAsync();
        });
        clock.Advance(TimeSpan.FromDays(31));
        var admin = await factory.ClientForAsync("admin@test.mn");

        var first = await (await admin.PostAsync("/api/v1/admin/jobs/overdue-check", null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await admin.PostAsync("/api/v1/admin/jobs/overdue-check", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, first.GetProperty("flagged").GetInt32());
        Assert.Equal(0, second.GetProperty("flagged").GetInt32());
        var outbox = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/outbox");
        var recipients = outbox.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("to").GetString()!).Order().ToArray();
        Assert.Equal(["manager@test.mn", "zavkhan@test.mn"], recipients);
        Assert.All(outbox.GetProperty("items").EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("sentAt").ValueKind));
    }

    [Fact]
    public async Task NothingIsFlagged_BeforeTheDeadlineHasPassed()
    {
        var (factory, clock, provider) = await ArrangeAsync();
        using var _ = factory;
        await SubmitAsync(factory, provider);
        clock.Advance(TimeSpan.FromDays(29));

        await using var scope = factory.Services.CreateAsyncScope();
        var flagged = await scope.ServiceProvider.GetRequiredService<Masam.Web.Features.Reminders.OverdueCheck>().ExecuteAsync(default);

        Assert.Equal(0, flagged);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task TheCheck_IsARecurringJobWithAStableId_ThatRunsWhenTriggered()
    {
        var (factory, clock, provider) = await ArrangeAsync(("Masam:Reminders:OverdueCheckCron", "30 2 * * *"));
        using var _ = factory;
        await SubmitAsync(factory, provider);
        clock.Advance(TimeSpan.FromDays(33));

        var storage = factory.Services.GetRequiredService<Hangfire.JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == "overdue-check");
            Assert.Equal("30 2 * * *", job.Cron);
            Assert.Equal("Asia/Ulaanbaatar", job.TimeZoneId);
        }

        factory.Services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger("overdue-check");

        Assert.True(await EventuallyAsync(() => factory.WithDbAsync(db => db.Feedback.AnyAsync(f => f.OverdueFlaggedAt != null))));
    }

    [Fact]
    public async Task TheOutbox_IsForAdminsOnly()
    {
        var (factory, _, _) = await ArrangeAsync();
        using var __ = factory;
        var official = await factory.ClientForAsync("zavkhan@test.mn");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await official.GetAsync("/api/v1/admin/outbox")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await official.PostAsync("/api/v1/admin/jobs/overdue-check", null)).StatusCode);
    }

    /// <summary>Waits for a background job's effect; fails after 10 seconds rather than measuring any time.</summary>
    private static Task<bool> EventuallyAsync(Func<Task<bool>> condition) => EventuallyAsync(condition, ok => ok);

    private static async Task<bool> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> ok)
    {
        for (var i = 0; i < 100; i++)
        {
            if (ok(await probe()))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
