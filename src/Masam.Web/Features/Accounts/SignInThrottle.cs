using System.Collections.Concurrent;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Slows password guessing without letting anyone lock an official out. Failed sign-ins are
/// counted per account <em>and client address</em>: after <see cref="FailuresPerAddress"/> within
/// <see cref="AddressWindow"/>, that address may not try that account until the window has passed,
/// while the official, from their own address, still signs in. Across all addresses an account
/// takes at most <see cref="FailuresPerAccount"/> failures an hour (a guessing attack from many
/// addresses; then it is throttled for everyone until the hour is out, which an attack from many
/// addresses could prolong — the price of stopping it), except from a device that signed in to the
/// account before (<see cref="DeviceCookie"/>), which is counted on its own, and for a client that
/// gives the right password and second factor together (<see cref="StaffSignIn"/>). A success clears that address's count.
/// Counted in each node's memory, like the other rate limits; the address is never stored.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FailuresPerAddress = 5;
    public const int FailuresPerAccount = 100;

    /// <summary>
    /// Wrong second factors after a right password an account takes in <see cref="AddressWindow"/> from
    /// clients it does not know, all addresses together: with three of a million codes valid at a time,
    /// five guesses in 15 minutes give one chance in about 700 a day to someone who has the password
    /// (each wrong code is logged as a warning, so that the password is changed long before).
    /// </summary>
    public const int SecondFactorFailuresPerAccount = 5;

    /// <summary>Failures a device that signed in before may make (<see cref="DeviceCookie"/>) before it is throttled like any client.</summary>
    public const int FailuresPerDevice = 5;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan AccountWindow = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long this address must wait, for its own failures at this account, before trying it again; null when it may try now.</summary>
    public TimeSpan? WaitForAddress(string account, string address) =>
        Blocked(Key(account, address), FailuresPerAddress, AddressWindow, clock.GetUtcNow());

    /// <summary>How long the account is throttled for every client but its own devices (and both factors given together).</summary>
    public TimeSpan? WaitForAccount(string account) => Blocked(account, FailuresPerAccount, AccountWindow, clock.GetUtcNow());

    public void Failed(string account, string address)
    {
        var now = clock.GetUtcNow();
        Add(Key(account, address), now, AddressWindow);
        Add(account, now, AccountWindow);
        if (_failures.Count > 10_000) Prune(now);
    }

    public void Succeeded(string account, string address) => _failures.TryRemove(Key(account, address), out _);

    /// <summary>How long a known device must wait (it has failed too often itself); null when it is trusted now.</summary>
    public TimeSpan? WaitForDevice(string device) => Blocked("device\n" + device, FailuresPerDevice, AddressWindow, clock.GetUtcNow());

    /// <summary>How long the account's second factor may not be tried by clients it does not know (someone with the password has guessed codes).</summary>
    public TimeSpan? WaitForSecondFactor(string account) => Blocked("code\n" + account, SecondFactorFailuresPerAccount, AddressWindow, clock.GetUtcNow());

    public void SecondFactorFailed(string account) => Add("code\n" + account, clock.GetUtcNow(), AddressWindow);

    public void FailedOnDevice(string device) => Add("device\n" + device, clock.GetUtcNow(), AddressWindow);

    private static string Key(string account, string address) => account + "\n" + address;

    private TimeSpan? Blocked(string key, int limit, TimeSpan window, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times)) return null;
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= now - window) times.Dequeue();
            return times.Count >= limit ? times.Peek() + window - now : null;
        }
    }

    private void Add(string key, DateTimeOffset now, TimeSpan window)
    {
        var times = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= now - window) times.Dequeue();
            times.Enqueue(now);
        }
    }

    /// <summary>Forgets counts whose failures are all older than the longest window, so that memory stays bounded.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, times) in _failures)
        {
            lock (times)
            {
                if (times.Count == 0 || times.Last() <= now - AccountWindow) _failures.TryRemove(key, out _);
            }
        }
    }
}
