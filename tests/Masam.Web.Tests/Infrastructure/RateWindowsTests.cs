using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Infrastructure;

/// <summary>Limits counted in the database: a window counts up to its limit, opens anew when over, and is forgotten once no limit could still need it.</summary>
public sealed class RateWindowsTests
{
    [Fact]
    public async Task AWindowCountsToItsLimit_OpensAnewWhenOver_AndIsForgottenOnlyWhenNoWindowCouldStillBeOpen()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var factory = new MasamAppFactory();
        factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(clock);

        async Task<bool> Take(string key, TimeSpan window)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RateWindows>().TakeAsync(key, 2, window, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        }

        Assert.True(await Take("old", TimeSpan.FromHours(1)));
        Assert.True(await Take("old", TimeSpan.FromHours(1)));
        Assert.False(await Take("old", TimeSpan.FromHours(1)));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await Take("old", TimeSpan.FromHours(1))); // a new window

        clock.Advance(RateWindows.MaxWindow - TimeSpan.FromMinutes(1));
        Assert.True(await Take("day", TimeSpan.FromDays(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Take("long", RateWindows.MaxWindow + TimeSpan.FromSeconds(1)));

        // "old" opened two days less a minute ago: a two-day window could still be open, so it stays.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RateWindows>().PurgeAsync(CancellationToken.None));
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RateWindows>().PurgeAsync(CancellationToken.None));
        }

        Assert.Equal(["day"], await factory.WithDbAsync(db => db.RateWindows.Select(w => w.Key).ToListAsync()));
    }
}
