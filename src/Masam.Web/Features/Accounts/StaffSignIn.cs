using Microsoft.AspNetCore.Identity;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Checks a staff member's e-mail and password, for the API and the sign-in page alike. Every
/// failure — unknown e-mail, disabled account, wrong password — looks the same and takes the same
/// work (a password hash is computed for an unknown account too), so that the answer and its time
/// say nothing about which accounts exist. Guessing is slowed by <see cref="SignInThrottle"/>, per
/// account and client address, rather than by locking the account, which anyone who knows an
/// official's e-mail could otherwise do at will.
/// </summary>
public sealed class StaffSignIn(
    SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher, SignInThrottle throttle, DeviceCookie devices, IHttpContextAccessor http)
{
    private static readonly StaffUser Nobody = new() { UserName = "nobody", Email = "nobody@masam.invalid", DisplayName = "" };
    private static string? _nobodysHash;

    public enum Outcome
    {
        Succeeded,
        Failed,
        Throttled,
    }

    public async Task<(Outcome Outcome, StaffUser? User, TimeSpan RetryAfter)> CheckAsync(string? email, string? password)
    {
        var account = (email ?? "").Trim().ToUpperInvariant();
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // A device that signed in to this account before is throttled on its own, not with the account:
        // a guessing attack from elsewhere does not keep the official out.
        var device = http.HttpContext is { } context ? devices.DeviceFor(context.Request, account) : null;
        if (device is not null && throttle.WaitForDevice(device) is null)
        {
            // Trusted: the account's and the address's counts do not apply.
        }
        else if (throttle.Wait(account, address) is { } wait)
        {
            return (Outcome.Throttled, null, wait);
        }

        var user = account.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(account);
        var result = user is null || user.IsDisabled || string.IsNullOrEmpty(password)
            ? null
            : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result is not { Succeeded: true })
        {
            if (result is null || result.IsLockedOut)
            {
                // The same work as checking a real password.
                hasher.VerifyHashedPassword(Nobody, _nobodysHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString()), password ?? "");
            }

            throttle.Failed(account, address);
            if (device is not null) throttle.FailedOnDevice(device);
            return (Outcome.Failed, null, default);
        }

        throttle.Succeeded(account, address);
        if (http.HttpContext is { } signedIn) devices.Issue(signedIn.Response, account, device);
        return (Outcome.Succeeded, user, default);
    }
}
