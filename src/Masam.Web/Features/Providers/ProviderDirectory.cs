using System.Collections.Frozen;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Providers;

/// <summary>
/// The active providers and the service lines each offers, held in memory so that checking a
/// submission costs no database read. Reloaded when older than <see cref="MaxAge"/>; a provider
/// not in the snapshot is looked up in the database at once, so a new provider is accepted
/// immediately, while a deactivated one may still be accepted for up to <see cref="MaxAge"/>
/// unless <see cref="Invalidate"/> is called by whoever deactivates it.
/// </summary>
public sealed class ProviderDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>The service lines the active provider offers, or null when there is no such active provider.</summary>
    public async ValueTask<FrozenSet<string>?> FindAsync(int providerId, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        if (snapshot.Providers.TryGetValue(providerId, out var entry))
        {
            return entry.Lines;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        var found = await db.Providers.Where(p => p.Id == providerId && p.IsActive)
            .Select(p => new { Lines = p.ServiceLines.Select(l => l.Code).ToList() })
            .FirstOrDefaultAsync(ct);
        return found?.Lines.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The NSO code of the aimag (or the capital) the provider lies in, active or not; a move to another
    /// aimag reaches other nodes within <see cref="MaxAge"/>, and <see cref="ProviderAdministration"/>
    /// corrects what was written in between.
    /// </summary>
    public async ValueTask<string> AimagOfAsync(int providerId, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        if (snapshot.Providers.TryGetValue(providerId, out var entry))
        {
            return entry.AimagCode;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        return await db.Providers.Where(p => p.Id == providerId).Select(AimagCode).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Provider {providerId} does not exist.");
    }

    /// <summary>The aimag's (or the capital's) NSO code of a provider's admin unit, in a query.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Provider, string>> AimagCode = p =>
        p.AdminUnit!.Level == Geography.AdminUnitLevel.First ? p.AdminUnit.Code : p.AdminUnit.Parent!.Code;

    /// <summary>The active provider with this SMS code (<c>ULI01</c>, in capitals), or null.</summary>
    public async ValueTask<int?> FindBySmsCodeAsync(string smsCode, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        if (snapshot.SmsCodes.TryGetValue(smsCode, out var id))
        {
            return id;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
        return await db.Providers.Where(p => p.SmsCode == smsCode && p.IsActive).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
    }

    public void Invalidate() => _snapshot = null;

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot;
        }

        await _reload.WaitAsync(ct);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < MaxAge)
            {
                return snapshot;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
            var loadedAt = clock.GetUtcNow();
            var rows = await db.Providers.AsNoTracking().Where(p => p.IsActive)
                .Select(p => new { p.Id, p.SmsCode, Lines = p.ServiceLines.Select(l => l.Code).ToList(), p.AdminUnit!.Path })
                .ToListAsync(ct);
            _snapshot = snapshot = new Snapshot(
                rows.ToFrozenDictionary(r => r.Id, r => new Entry(r.Lines.ToFrozenSet(StringComparer.Ordinal), Geography.AdminUnit.AimagOf(r.Path))),
                rows.Where(r => r.SmsCode is not null).ToFrozenDictionary(r => r.SmsCode!, r => r.Id, StringComparer.Ordinal), loadedAt);
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }

    private sealed record Entry(FrozenSet<string> Lines, string AimagCode);

    private sealed record Snapshot(FrozenDictionary<int, Entry> Providers, FrozenDictionary<string, int> SmsCodes, DateTimeOffset LoadedAt);
}
