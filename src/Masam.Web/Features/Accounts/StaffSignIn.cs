using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
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
    SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher, SignInThrottle throttle, DeviceCookie devices, TwoFactor twoFactor,
    IHttpContextAccessor http, ILogger<StaffSignIn> logger)
{
    private static readonly StaffUser Nobody = new() { UserName = "nobody", Email = "nobody@masam.invalid", DisplayName = "" };
    private static string? _nobodysHash;

    public enum Outcome
    {
        Succeeded,
        Failed,
        Throttled,

        /// <summary>The password is right and the account signs in with a second factor, which was not given.</summary>
        NeedsSecondFactor,

        /// <summary>The password is right and the second factor is wrong (or used before).</summary>
        SecondFactorFailed,
    }

    /// <summary>
    /// Checks a password, and the second factor when the account has one and it was given
    /// (<paramref name="secondFactor"/>: an authenticator code or a recovery code). While the account
    /// is throttled for everyone (a guessing attack from many addresses), only both factors together
    /// get in, and every other answer is the same 429 — the attack learns nothing about the password.
    /// </summary>
    public async Task<(Outcome Outcome, StaffUser? User, TimeSpan RetryAfter)> CheckAsync(string? email, string? password, string? secondFactor = null)
    {
        var account = Account(email);
        var address = Address();
        // A device that signed in to this account before is throttled on its own, not with the account:
        // a guessing attack from elsewhere does not keep the official out.
        var device = http.HttpContext is { } context ? devices.DeviceFor(context.Request, account) : null;
        TimeSpan? underAttack = null;
        if (device is null || throttle.WaitForDevice(device) is not null)
        {
            if (throttle.WaitForAddress(account, address) is { } wait) return (Outcome.Throttled, null, wait);
            underAttack = throttle.WaitForAccount(account);
            if (underAttack is { } accountWait && string.IsNullOrWhiteSpace(secondFactor)) return (Outcome.Throttled, null, accountWait);
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

            Failed(account, address, device);
            return underAttack is { } wait ? (Outcome.Throttled, null, wait) : (Outcome.Failed, null, default);
        }

        if (!user!.TwoFactorEnabled)
        {
            // Under attack a password alone is not enough, even the right one (and saying so would tell the attack it is right).
            if (underAttack is { } wait) return (Outcome.Throttled, null, wait);
            return Succeeded(account, address, device, user);
        }

        if (string.IsNullOrWhiteSpace(secondFactor)) return (Outcome.NeedsSecondFactor, user, default);
        return await SecondFactorAsync(user, secondFactor, device, underAttack);
    }

    /// <summary>
    /// The second step of a sign-in on the pages, after the password: the account's code or a
    /// recovery code. Counted against the address as a wrong password is; the account-wide throttle
    /// does not apply (passing this step is how the owner gets in while the account is under attack).
    /// </summary>
    public async Task<(Outcome Outcome, StaffUser? User, TimeSpan RetryAfter)> CheckSecondFactorAsync(StaffUser user, string? secondFactor)
    {
        var account = Account(user.Email);
        var device = http.HttpContext is { } context ? devices.DeviceFor(context.Request, account) : null;
        if ((device is null || throttle.WaitForDevice(device) is not null) && throttle.WaitForAddress(account, Address()) is { } wait)
        {
            return (Outcome.Throttled, null, wait);
        }

        return await SecondFactorAsync(user, secondFactor, device, underAttack: null);
    }

    private async Task<(Outcome Outcome, StaffUser? User, TimeSpan RetryAfter)> SecondFactorAsync(
        StaffUser user, string? secondFactor, string? device, TimeSpan? underAttack)
    {
        var account = Account(user.Email);
        var address = Address();
        // Whoever gets here knows the password. Their guesses at the code are counted for the account
        // across all addresses, so that many addresses do not buy many guesses; the owner's own devices are counted on their own.
        var trusted = device is not null && throttle.WaitForDevice(device) is null;
        if (!trusted && throttle.WaitForSecondFactor(account) is { } codeWait) return (Outcome.Throttled, null, underAttack ?? codeWait);
        if (user.IsDisabled || !await twoFactor.VerifyAsync(user, secondFactor))
        {
            Failed(account, address, device);
            if (!trusted) throttle.SecondFactorFailed(account);
            logger.LogWarning("A wrong second factor followed the right password of staff account {UserId}: the password may be known to someone else", user.Id);
            return underAttack is { } wait ? (Outcome.Throttled, null, wait) : (Outcome.SecondFactorFailed, null, default);
        }

        return Succeeded(account, address, device, user);
    }

    /// <summary>Says when to try again (the Retry-After header, in seconds) on a throttled sign-in, and gives it in whole minutes for the message.</summary>
    public static int RetryAfter(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        return (seconds + 59) / 60;
    }

    /// <summary>Signs the pages' cookie in, marked with whether a second factor was passed.</summary>
    public async Task SignInToPagesAsync(StaffUser user, bool secondFactor)
    {
        await http.HttpContext!.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (secondFactor)
        {
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactor.MethodClaim, TwoFactor.MultiFactor)]);
        }
        else
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }
    }

    /// <summary>
    /// The password was right and the account has a second factor: a short-lived cookie (Identity's
    /// two-factor scheme, five minutes) remembers whose code the next page asks for.
    /// </summary>
    public Task AwaitSecondFactorAsync(StaffUser user) =>
        http.HttpContext!.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));

    /// <summary>The account whose password was given and whose code is awaited; null when none is (or five minutes have passed).</summary>
    public Task<StaffUser?> AwaitingSecondFactorAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    private (Outcome, StaffUser?, TimeSpan) Succeeded(string account, string address, string? device, StaffUser user)
    {
        throttle.Succeeded(account, address);
        if (http.HttpContext is { } signedIn) devices.Issue(signedIn.Response, account, device);
        return (Outcome.Succeeded, user, default);
    }

    private void Failed(string account, string address, string? device)
    {
        throttle.Failed(account, address);
        if (device is not null) throttle.FailedOnDevice(device);
    }

    private static string Account(string? email) => (email ?? "").Trim().ToUpperInvariant();

    private string Address() => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
