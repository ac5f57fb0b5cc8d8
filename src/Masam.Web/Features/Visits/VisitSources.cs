using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Features.Visits;

/// <summary>
/// The keys of the systems and centres that report visits: issued and revoked by Admin (audited,
/// the key itself never stored or logged; <see cref="ApplicationKeys"/>), checked on every report.
/// </summary>
public sealed class VisitSources(MasamDbContext db, ApplicationKeys keys, IStringLocalizer text)
{
    private const string IssueAction = "visits.key.issue";
    private const string RevokeAction = "visits.key.revoke";

    public async Task<IReadOnlyList<VisitSourceView>> ListAsync(CancellationToken ct) =>
        await Views(db.Set<VisitSource>().OrderBy(s => s.RevokedAt != null).ThenByDescending(s => s.IssuedAt)).ToListAsync(ct);

    public Task<VisitSourceView?> FindAsync(int id, CancellationToken ct) => Views(db.Set<VisitSource>().Where(s => s.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>A new key for <paramref name="request"/>'s name (for one provider, when it names one): the answer is the only place the key is shown.</summary>
    public async Task<(IssuedVisitKey? Issued, FieldErrors Errors)> IssueAsync(IssueVisitKeyRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = await keys.NameAsync<VisitSource>(request.Name, errors, ct);
        int? providerId = null;
        if (!string.IsNullOrWhiteSpace(request.Provider))
        {
            var code = request.Provider.Trim();
            providerId = await db.Providers.Where(p => p.Code == code && p.IsActive).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (providerId is null) errors.Add("provider", text["error.visit.provider", code]);
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var source = new VisitSource { Name = name!, ProviderId = providerId, KeyHash = "", KeyHint = "" };
        var key = await keys.IssueAsync(source, IssueAction, Audited, ct);
        return (new IssuedVisitKey((await FindAsync(source.Id, ct))!, key), errors);
    }

    /// <summary>Revokes a key at once: the next report with it is refused (401).</summary>
    public Task<ChangeOutcome> RevokeAsync(int id, CancellationToken ct) => keys.RevokeAsync<VisitSource>(id, RevokeAction, Audited, ct);

    /// <summary>The source whose active key this is; null for a missing, unknown or revoked key.</summary>
    public Task<VisitSource?> AuthenticateAsync(string? key, CancellationToken ct) => keys.AuthenticateAsync<VisitSource>(key, ct);

    /// <summary>The Development demo's key, issued once, so that the README's examples run.</summary>
    internal async Task EnsureDemoAsync(string name, string key, CancellationToken ct)
    {
        var hash = ApplicationKeys.Hash(key);
        if (!await db.Set<VisitSource>().AnyAsync(s => s.KeyHash == hash, ct))
        {
            await keys.IssueAsync(new VisitSource { Name = name, KeyHash = "", KeyHint = "" }, key, IssueAction, Audited, ct);
        }
    }

    /// <summary>Revokes the demo key wherever demo data is off.</summary>
    internal async Task RevokeDemoKeyAsync(string key, CancellationToken ct)
    {
        var hash = ApplicationKeys.Hash(key);
        if (await db.Set<VisitSource>().FirstOrDefaultAsync(s => s.KeyHash == hash && s.RevokedAt == null, ct) is { } demo)
        {
            await keys.RevokeAsync(demo, RevokeAction, Audited, ct);
        }
    }

    private IQueryable<VisitSourceView> Views(IQueryable<VisitSource> sources) =>
        sources.AsNoTracking().Select(s => new VisitSourceView(s.Id, s.Name, db.Providers.Where(p => p.Id == s.ProviderId).Select(p => p.Code).FirstOrDefault(),
            s.KeyHint, s.IssuedAt, s.IssuedBy, s.RevokedAt, s.RevokedBy, s.LastUsedAt));

    private static object Audited(VisitSource s) => new { s.Id, s.Name, s.ProviderId, s.KeyHint, s.IssuedAt, s.IssuedBy, s.RevokedAt, s.RevokedBy };
}

/// <param name="Provider">The one provider the key reports for (its code); null for a system reporting many.</param>
public sealed record VisitSourceView(
    int Id, string Name, string? Provider, string KeyHint, DateTime IssuedAt, string? IssuedBy, DateTime? RevokedAt, string? RevokedBy, DateTime? LastUsedAt)
{
    public bool Active => RevokedAt is null;
}

/// <param name="Key">The key, shown this once: Masam keeps only its hash.</param>
public sealed record IssuedVisitKey(VisitSourceView Source, string Key);

public sealed record IssueVisitKeyRequest
{
    /// <summary>Who the key is for (<c>Uliastai OSS registry</c>), at most 200 characters.</summary>
    public string? Name { get; init; }

    /// <summary>A provider's code: the key then reports that provider's visits only.</summary>
    public string? Provider { get; init; }
}
