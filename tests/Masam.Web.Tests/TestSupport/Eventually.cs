using System.Diagnostics;

namespace Masam.Web.Tests;

/// <summary>
/// Waits for background work (a Hangfire job, the outbox) to show its effect. The limit is generous
/// on purpose: it is a guard against a hang, not a measure of speed, and CI machines are shared.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task<bool> WaitAsync(Func<Task<bool>> done, TimeSpan? limit = null, TimeSpan? pollEvery = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (limit ?? Limit))
        {
            if (await done()) return true;
            await Task.Delay(pollEvery ?? TimeSpan.FromMilliseconds(100));
        }

        return await done();
    }

    /// <summary>Waits until <paramref name="found"/> gives a value, and returns it; fails after the limit.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> found, TimeSpan? pollEvery = null, TimeSpan? limit = null) where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (limit ?? Limit))
        {
            if (await found() is { } value) return value;
            await Task.Delay(pollEvery ?? TimeSpan.FromMilliseconds(100));
        }

        return await found() ?? throw new TimeoutException($"Nothing found within {limit ?? Limit}.");
    }
}
