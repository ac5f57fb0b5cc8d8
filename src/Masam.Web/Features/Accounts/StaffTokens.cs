using System.Security.Claims;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Bearer tokens with refresh tokens that rotate: every refresh uses up the token it was given and
/// issues the next one of the same family (<see cref="RefreshToken"/>). A used token presented again
/// — someone has a copy — revokes the whole family, changes the account's security stamp (every
/// token and cookie of the account stops at once, so the account must sign in again) and is audited.
/// </summary>
public sealed class StaffTokens(
    MasamDbContext db, SignInManager<StaffUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The claim that names, inside the protected tokens, the refresh token they belong with.</summary>
    public const string RefreshClaim = "masam:refresh";

    public enum Outcome
    {
        Renewed,
        Refused,
        Reused,
    }

    /// <summary>
    /// The principal to sign in with the bearer scheme: the account, a new refresh token of the family
    /// (a new family at sign-in), and whether the sign-in passed a second factor (kept through refreshes).
    /// </summary>
    public async Task<ClaimsPrincipal> IssueAsync(StaffUser user, string? family, bool secondFactor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new RefreshToken
        {
            Id = NewId(), FamilyId = family ?? NewId(), UserId = user.Id, IssuedAt = now,
            ExpiresAt = now + bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration,
        };
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync(ct);
        await db.RefreshTokens.Where(t => t.ExpiresAt < now.AddDays(-1)).ExecuteDeleteAsync(ct);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(RefreshClaim, token.Id));
        if (secondFactor) ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(TwoFactor.MethodClaim, TwoFactor.MultiFactor));
        return principal;
    }

    public async Task<(Outcome Outcome, ClaimsPrincipal? Principal)> RefreshAsync(string? protectedToken, CancellationToken ct)
    {
        var ticket = string.IsNullOrEmpty(protectedToken) ? null : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(protectedToken);
        var now = clock.GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires
            || ticket.Principal.FindFirstValue(RefreshClaim) is not { } id
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsDisabled: false } user)
        {
            return (Outcome.Refused, null);
        }

        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.UserId == user.Id, ct);
        if (token is null || token.RevokedAt is not null) return (Outcome.Refused, null);

        // Use it up in one conditional update: of two requests with the same token, one renews and the other is a reuse.
        var used = token.UsedAt is null && await db.RefreshTokens.Where(t => t.Id == id && t.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now.UtcDateTime), ct) == 1;
        if (!used)
        {
            // Of several requests presenting a used token at once, the one that marks it revoked ends
            // the family and is audited; the others are only refused (each acting would race on the
            // account's security stamp, and audit one theft many times).
            if (await db.RefreshTokens.Where(t => t.Id == id && t.RevokedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now.UtcDateTime), ct) == 0)
            {
                return (Outcome.Reused, null);
            }

            await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now.UtcDateTime), ct);
            await EndSessionsAsync(user, ct);
            audit.Record(ticket.Principal, "auth.refresh-reuse", "StaffUser", user.Id, null, new { Family = token.FamilyId, FirstUsedAt = token.UsedAt });
            await db.SaveChangesAsync(ct);
            return (Outcome.Reused, null);
        }

        return (Outcome.Renewed, await IssueAsync(user, token.FamilyId, TwoFactor.PassedSecondFactor(ticket.Principal), ct));
    }

    /// <summary>
    /// A new security stamp ends every token and cookie of the account. Another change to the account
    /// may land first (a sign-in counting a failure): then the account is read again and stamped anew.
    /// </summary>
    private async Task EndSessionsAsync(StaffUser user, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await signIn.UserManager.UpdateSecurityStampAsync(user);
            if (result.Succeeded) return;
            db.Entry(user).State = EntityState.Detached;
            if (attempt == 3 || await signIn.UserManager.FindByIdAsync(user.Id) is not { } fresh)
            {
                throw new InvalidOperationException($"The security stamp of account {user.Id} could not be renewed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            user = fresh;
            ct.ThrowIfCancellationRequested();
        }
    }

    private static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
