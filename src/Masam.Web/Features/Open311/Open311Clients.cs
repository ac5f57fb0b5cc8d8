using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Open311;

/// <summary>
/// The <c>api_key</c>s of Open311 clients: issued and revoked by Admin (each audited, the key
/// itself never stored or logged; <see cref="ApplicationKeys"/>), and checked on every request that needs one.
/// </summary>
public sealed class Open311Clients(MasamDbContext db, ApplicationKeys keys)
{

    private const string IssueAction = "open311.key.issue";
    private const string RevokeAction = "open311.key.revoke";

    public async Task<IReadOnlyList<Open311ClientView>> ListAsync(CancellationToken ct) =>
        await db.Set<Open311Client>().AsNoTracking()
            .OrderBy(c => c.RevokedAt != null).ThenByDescending(c => c.IssuedAt)
            .Select(c => new Open311ClientView(c.Id, c.Name, c.KeyHint, c.IssuedAt, c.IssuedBy, c.RevokedAt, c.RevokedBy, c.LastUsedAt))
            .ToListAsync(ct);

    /// <summary>A new key for <paramref name="name"/>: the answer is the only place the key is ever shown.</summary>
    public async Task<(IssuedOpen311Key? Issued, FieldErrors Errors)> IssueAsync(string? name, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (await keys.NameAsync<Open311Client>(name, errors, ct) is not { } clean)
        {
            return (null, errors);
        }

        var client = new Open311Client { Name = clean, KeyHash = "", KeyHint = "" };
        var key = await keys.IssueAsync(client, IssueAction, View, ct);
        return (new IssuedOpen311Key(View(client), key), errors);
    }

    /// <summary>Revokes a key at once: the next request with it is refused (403).</summary>
    public Task<ChangeOutcome> RevokeAsync(int id, CancellationToken ct) => keys.RevokeAsync<Open311Client>(id, RevokeAction, View, ct);

    public async Task<Open311ClientView?> FindAsync(int id, CancellationToken ct) =>
        await db.Set<Open311Client>().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new Open311ClientView(c.Id, c.Name, c.KeyHint, c.IssuedAt, c.IssuedBy, c.RevokedAt, c.RevokedBy, c.LastUsedAt))
            .FirstOrDefaultAsync(ct);

    /// <summary>The client whose active key this is, or null for a missing, unknown or revoked key.</summary>
    public async Task<AuthenticatedClient?> AuthenticateAsync(string? key, CancellationToken ct) =>
        await keys.AuthenticateAsync<Open311Client>(key, ct) is { } client ? new AuthenticatedClient(client.Id, client.Name) : null;

    /// <summary>The Development demo's key, issued once (the system's change), so that the README's examples run.</summary>
    internal async Task EnsureDemoAsync(string name, string key, CancellationToken ct)
    {
        var hash = ApplicationKeys.Hash(key);
        if (!await db.Set<Open311Client>().AnyAsync(c => c.KeyHash == hash, ct))
        {
            await keys.IssueAsync(new Open311Client { Name = name, KeyHash = "", KeyHint = "", IsDemo = true }, key, IssueAction, View, ct);
        }
    }

    /// <summary>Revokes every demo key still active (outside Development, or with demo data off).</summary>
    internal async Task RevokeDemoKeysAsync(CancellationToken ct)
    {
        foreach (var client in await db.Set<Open311Client>().Where(c => c.IsDemo && c.RevokedAt == null).ToListAsync(ct))
        {
            await keys.RevokeAsync(client, RevokeAction, View, ct);
        }
    }

    private static Open311ClientView View(Open311Client c) =>
        new(c.Id, c.Name, c.KeyHint, c.IssuedAt, c.IssuedBy, c.RevokedAt, c.RevokedBy, c.LastUsedAt);
}

public sealed record Open311ClientView(int Id, string Name, string KeyHint, DateTime IssuedAt, string? IssuedBy, DateTime? RevokedAt, string? RevokedBy, DateTime? LastUsedAt)
{
    public bool Active => RevokedAt is null;
}

/// <param name="Key">The key, shown this once: Masam keeps only its hash.</param>
public sealed record IssuedOpen311Key(Open311ClientView Client, string Key);

public sealed record AuthenticatedClient(int Id, string Name);

public sealed record IssueOpen311KeyRequest
{
    /// <summary>Who the key is for (<c>FixMyStreet Mongolia</c>), at most 200 characters.</summary>
    public string? Name { get; init; }
}
