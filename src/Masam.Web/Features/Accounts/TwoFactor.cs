using System.Security.Claims;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP) and one-time recovery codes, on ASP.NET Core
/// Identity's stores: setting it up, replacing the phone, new recovery codes, turning it off, and an
/// Admin's reset for someone who lost both. A new key waits beside the account's key until a code
/// of it is confirmed, so that moving to a new phone never leaves the account without a working
/// one. Everything that changes the second factor is audited; turning it on or off, or a reset,
/// ends the account's other sessions (a new security stamp).
/// </summary>
public sealed class TwoFactor(
    UserManager<StaffUser> users, IUserStore<StaffUser> store, AuthenticatorCodes codes, AuditTrail audit, MasamDbContext db, IOptions<AccountOptions> options)
{
    /// <summary>How a session that passed a second factor is marked (RFC 8176's "mfa" in the "amr" claim, as Identity marks it).</summary>
    public const string MethodClaim = "amr";

    public const string MultiFactor = "mfa";

    public const int RecoveryCodeCount = 10;

    private const string Issuer = "Masam";
    private const string PendingProvider = "[Masam]";
    private const string PendingName = "PendingAuthenticatorKey";

    public sealed record State(bool Enabled, bool Required, int RecoveryCodesLeft);

    /// <summary>What an authenticator app needs: the key to type in, or the otpauth URI its QR code holds.</summary>
    public sealed record Setup(string SharedKey, string AuthenticatorUri);

    public enum Outcome
    {
        Done,
        WrongCode,
        NotSetUp,
        Required,
    }

    public bool IsRequired(string? role) => options.Value.RequireAdminTwoFactor && role == StaffRoles.Admin;

    public static bool PassedSecondFactor(ClaimsPrincipal principal) => principal.HasClaim(MethodClaim, MultiFactor);

    public async Task<State> StateAsync(StaffUser user, string role) =>
        new(user.TwoFactorEnabled, IsRequired(role), user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0);

    /// <summary>The key waiting to be confirmed (a new one when asked, or when none waits).</summary>
    public async Task<Setup> SetupAsync(StaffUser user, bool fresh)
    {
        var key = fresh ? null : await users.GetAuthenticationTokenAsync(user, PendingProvider, PendingName);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await users.SetAuthenticationTokenAsync(user, PendingProvider, PendingName, key);
        }

        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        return new(FormatKey(key), $"otpauth://totp/{label}?secret={key}&issuer={Issuer}&digits=6");
    }

    /// <summary>Confirms the waiting key with a code of it: it becomes the account's key, two-factor sign-in is on, and new recovery codes are given.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<string> RecoveryCodes)> ConfirmAsync(StaffUser user, string? code)
    {
        var pending = await users.GetAuthenticationTokenAsync(user, PendingProvider, PendingName);
        if (string.IsNullOrEmpty(pending)) return (Outcome.NotSetUp, []);
        if (!await codes.CheckAsync(user, pending, code)) return (Outcome.WrongCode, []);

        var replaced = user.TwoFactorEnabled;
        await ((IUserAuthenticatorKeyStore<StaffUser>)store).SetAuthenticatorKeyAsync(user, pending, CancellationToken.None);
        await users.RemoveAuthenticationTokenAsync(user, PendingProvider, PendingName);
        await users.SetTwoFactorEnabledAsync(user, true); // saves the key too, and ends other sessions
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await AuditAsync(user, replaced ? "account.two-factor.replace" : "account.two-factor.enable");
        return (Outcome.Done, [.. recovery!]);
    }

    /// <summary>New recovery codes for the account's own use (the old ones stop working); a current code proves it is the owner.</summary>
    public async Task<(Outcome Outcome, IReadOnlyList<string> RecoveryCodes)> NewRecoveryCodesAsync(StaffUser user, string? code)
    {
        if (!user.TwoFactorEnabled) return (Outcome.NotSetUp, []);
        if (!await VerifyAsync(user, code)) return (Outcome.WrongCode, []);
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await AuditAsync(user, "account.two-factor.recovery-codes");
        return (Outcome.Done, [.. recovery!]);
    }

    /// <summary>Turns the second factor off (not for a role that requires it); a current code or a recovery code proves it is the owner.</summary>
    public async Task<Outcome> DisableAsync(StaffUser user, string role, string? code)
    {
        if (!user.TwoFactorEnabled) return Outcome.NotSetUp;
        if (IsRequired(role)) return Outcome.Required;
        if (!await VerifyAsync(user, code)) return Outcome.WrongCode;
        await ForgetAsync(user);
        await AuditAsync(user, "account.two-factor.disable");
        return Outcome.Done;
    }

    /// <summary>An Admin's help for someone who lost their phone and their recovery codes: the second factor is off, and they set it up again.</summary>
    public async Task ResetAsync(StaffUser user)
    {
        await ForgetAsync(user);
        await AuditAsync(user, "account.two-factor.reset");
    }

    /// <summary>
    /// Checks a second factor at sign-in: six digits are an authenticator code (each accepted once);
    /// anything else is tried as a recovery code, which is then used up (and audited, so that an
    /// official who did not use one can see it was).
    /// </summary>
    public async Task<bool> VerifyAsync(StaffUser user, string? input)
    {
        if (!user.TwoFactorEnabled || string.IsNullOrWhiteSpace(input)) return false;
        if (AuthenticatorCodes.Normalize(input) is not null)
        {
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, input);
        }

        var recovery = input.Trim().ToUpperInvariant();
        if (recovery.Length > 32 || !(await users.RedeemTwoFactorRecoveryCodeAsync(user, recovery)).Succeeded) return false;
        await AuditAsync(user, "account.two-factor.recovery-code-used");
        return true;
    }

    private async Task ForgetAsync(StaffUser user)
    {
        await users.RemoveAuthenticationTokenAsync(user, PendingProvider, PendingName);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user); // the old phone's codes stop working; ends other sessions
    }

    private async Task AuditAsync(StaffUser user, string action)
    {
        audit.Record(action, "StaffUser", user.Id, null, new { user.Email });
        await db.SaveChangesAsync();
    }

    /// <summary>The key in groups of four, as people type it into an app.</summary>
    private static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}
