using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masam.Web.Features.Audit;

/// <summary>
/// Links new audit entries into the chain as they are saved, inside the same transaction as the
/// change they record, and refuses any update or deletion of an entry. The unique sequence number
/// means two writers that read the same chain head cannot both commit: the chain never forks.
/// </summary>
public sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    // One interceptor serves every pooled context: the transaction it opened is kept per context.
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        var db = eventData.Context!;
        var entries = db.ChangeTracker.Entries<AuditEntry>().ToList();
        if (entries.Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are never changed or removed.");
        }

        var added = entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).OrderBy(e => e.Sequence).ToList();
        if (added.Count == 0)
        {
            return result;
        }

        if (db.Database.CurrentTransaction is null)
        {
            _owned.AddOrUpdate(db, await db.Database.BeginTransactionAsync(ct));
        }

        var (sequence, hash) = await ReadHeadAsync(db, ct);
        foreach (var entry in added)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = hash;
            entry.Hash = hash = AuditChain.HashOf(entry);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (_owned.TryGetValue(eventData.Context!, out var transaction))
        {
            _owned.Remove(eventData.Context!);
            await transaction.CommitAsync(ct);
            await transaction.DisposeAsync();
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (_owned.TryGetValue(eventData.Context!, out var transaction))
        {
            _owned.Remove(eventData.Context!);
            await transaction.RollbackAsync(ct);
            await transaction.DisposeAsync();
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State != EntityState.Unchanged)
            ? throw new InvalidOperationException("Save audited changes with SaveChangesAsync.")
            : result;

    /// <summary>The chain's last sequence and hash, read on the transaction's own connection.</summary>
    private static async Task<(long Sequence, string Hash)> ReadHeadAsync(DbContext db, CancellationToken ct)
    {
        // SQLite's write transaction already holds the database; on PostgreSQL, writers that read the
        // same head would both try its successor and one would fail. They queue on a lock that the
        // transaction's end releases.
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('masam:audit-chain'))", ct);
        }

        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = """SELECT "Sequence", "Hash" FROM "AuditEntries" ORDER BY "Sequence" DESC LIMIT 1""";
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }
}
