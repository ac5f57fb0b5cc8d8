using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// What an application's key is kept as: the accounts of machines (an Open311 client, a system that
/// reports service visits). The key is shown once, when Admin issues it, and kept only as its SHA-256.
/// </summary>
public interface IApplicationKey
{
    int Id { get; }
    string Name { get; }

    /// <summary>SHA-256 of the key, base64url.</summary>
    string KeyHash { get; set; }

    /// <summary>The key's first characters, to tell keys apart in a list; not enough to use it.</summary>
    string KeyHint { get; set; }

    DateTime IssuedAt { get; set; }
    string? IssuedBy { get; set; }
    DateTime? RevokedAt { get; set; }
    string? RevokedBy { get; set; }

    /// <summary>The last request with this key, to the hour.</summary>
    DateTime? LastUsedAt { get; set; }
}

/// <summary>
/// Issues, revokes and checks application keys of any kind (<see cref="IApplicationKey"/>), each
/// change audited with the key's hint only: the key itself is in no record and no log.
/// </summary>
public sealed class ApplicationKeys(MasamDbContext db, AuditTrail audit, CurrentStaff staff, TimeProvider clock, IStringLocalizer text)
{
    public const int NameMaxLength = 200;

    /// <summary>Characters of a key shown in lists to tell keys apart.</summary>
    public const int HintLength = 6;

    /// <summary>The name a new key is issued to: one line, at most <see cref="NameMaxLength"/> characters, no other active key of its kind with it.</summary>
    public async Task<string?> NameAsync<T>(string? name, FieldErrors errors, CancellationToken ct) where T : class, IApplicationKey
    {
        var clean = UserText.Clean(name);
        if (clean is null || clean.Length > NameMaxLength || clean.Contains('\n'))
        {
            errors.Add("name", text["error.key.name", NameMaxLength]);
            return null;
        }

        if (await db.Set<T>().AnyAsync(c => c.Name == clean && c.RevokedAt == null, ct))
        {
            errors.Add("name", text["error.key.nameTaken", clean]);
            return null;
        }

        return clean;
    }

    /// <summary>Revokes the key of holder <paramref name="id"/> (audited): not found, refused when already revoked, or done.</summary>
    public async Task<ChangeOutcome> RevokeAsync<T>(int id, string auditAction, Func<T, object> view, CancellationToken ct) where T : class, IApplicationKey
    {
        var holder = await db.Set<T>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (holder is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (holder.RevokedAt is not null)
        {
            return ChangeOutcome.Refused(text["error.key.alreadyRevoked", holder.Name]);
        }

        await RevokeAsync(holder, auditAction, view, ct);
        return ChangeOutcome.Done;
    }

    /// <summary>Stores <paramref name="holder"/> with a new key and audits it; the answer is the only place the key is ever shown.</summary>
    public Task<string> IssueAsync<T>(T holder, string auditAction, Func<T, object> view, CancellationToken ct) where T : class, IApplicationKey =>
        IssueAsync(holder, NewKey(), auditAction, view, ct);

    /// <summary>Stores <paramref name="holder"/> with a key chosen by the system (the demo's, from the README).</summary>
    public async Task<string> IssueAsync<T>(T holder, string key, string auditAction, Func<T, object> view, CancellationToken ct) where T : class, IApplicationKey
    {
        (holder.KeyHash, holder.KeyHint) = (Hash(key), key[..HintLength]);
        (holder.IssuedAt, holder.IssuedBy) = (clock.GetUtcNow().UtcDateTime, staff.IsSignedIn ? staff.DisplayName : "system");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(holder);
        await db.SaveChangesAsync(ct);
        audit.Record(auditAction, typeof(T).Name, holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, view(holder));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return key;
    }

    /// <summary>Revokes a key at once (the next request with it is refused), audited; saved by the caller's next save or here.</summary>
    public async Task RevokeAsync<T>(T holder, string auditAction, Func<T, object> view, CancellationToken ct) where T : class, IApplicationKey
    {
        var before = view(holder);
        (holder.RevokedAt, holder.RevokedBy) = (clock.GetUtcNow().UtcDateTime, staff.IsSignedIn ? staff.DisplayName : "system");
        audit.Record(auditAction, typeof(T).Name, holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, view(holder));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The holder of this active key (not tracked), or null for a missing, unknown or revoked key.</summary>
    public async Task<T?> AuthenticateAsync<T>(string? key, CancellationToken ct) where T : class, IApplicationKey
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200) return null;

        var hash = Hash(key.Trim());
        var holder = await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(c => c.KeyHash == hash && c.RevokedAt == null, ct);
        if (holder is null) return null;

        // Kept to the hour, so that a busy client costs one write an hour, not one a request.
        var now = clock.GetUtcNow().UtcDateTime;
        if (holder.LastUsedAt is not { } last || now - last >= TimeSpan.FromHours(1))
        {
            await db.Set<T>().Where(c => c.Id == holder.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), ct);
        }

        return holder;
    }

    public static string Hash(string key) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>192 random bits in base64url: 32 characters a client pastes into its settings.</summary>
    private static string NewKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
