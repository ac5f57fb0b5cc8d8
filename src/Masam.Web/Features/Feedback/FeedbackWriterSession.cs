using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masam.Web.Features.Feedback;

/// <summary>
/// The writer's own connection, kept open with its INSERT statements prepared once, so that a
/// batch costs its rows and one commit and nothing else. Thrown away and opened anew after any
/// failure, so that a broken connection never outlives the batch that found it.
/// </summary>
internal sealed class FeedbackWriterSession : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly TableInserter<FeedbackItem> _feedback;
    private readonly TableInserter<FeedbackContact> _contacts;
    private readonly TableInserter<IdempotencyRecord> _keys;

    private FeedbackWriterSession(AsyncServiceScope scope, MasamDbContext db,
        TableInserter<FeedbackItem> feedback, TableInserter<FeedbackContact> contacts, TableInserter<IdempotencyRecord> keys)
    {
        (_scope, Db, _feedback, _contacts, _keys) = (scope, db, feedback, contacts, keys);
    }

    public MasamDbContext Db { get; }

    public static async Task<FeedbackWriterSession> OpenAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<MasamDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            return new FeedbackWriterSession(scope, db,
                await TableInserter<FeedbackItem>.PrepareAsync(db, ct),
                await TableInserter<FeedbackContact>.PrepareAsync(db, ct),
                await TableInserter<IdempotencyRecord>.PrepareAsync(db, ct));
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>Inserts the rows in one transaction; they are stored once this returns.</summary>
    public async Task InsertAsync(IReadOnlyList<(FeedbackItem Item, IdempotencyKey? Key)> rows, CancellationToken ct)
    {
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var dbTransaction = transaction.GetDbTransaction();
        _feedback.Enlist(dbTransaction);
        _contacts.Enlist(dbTransaction);
        _keys.Enlist(dbTransaction);

        if (Db.Database.GetDbConnection() is Npgsql.NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, rows, ct);
            await transaction.CommitAsync(ct);
            return;
        }

        foreach (var (item, key) in rows)
        {
            await _feedback.InsertAsync(item, ct);
            if (item.Contact is { } contact)
            {
                contact.FeedbackId = item.Id;
                await _contacts.InsertAsync(contact, ct);
            }

            if (key is not null)
            {
                await _keys.InsertAsync(Record(item, key), ct);
            }
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>PostgreSQL: the batch in a few round trips (ids from the sequence, then a COPY per table) rather than one or more per row.</summary>
    private async Task CopyAsync(Npgsql.NpgsqlConnection postgres, IReadOnlyList<(FeedbackItem Item, IdempotencyKey? Key)> rows, CancellationToken ct)
    {
        await TableInserter<FeedbackItem>.CopyWithKeysAsync(Db, postgres, [.. rows.Select(r => r.Item)], ct);
        await TableInserter<FeedbackContact>.InsertAllAsync(Db, rows.Where(r => r.Item.Contact is not null).Select(r =>
        {
            r.Item.Contact!.FeedbackId = r.Item.Id;
            return r.Item.Contact;
        }), ct);
        await TableInserter<IdempotencyRecord>.InsertAllAsync(Db, rows.Where(r => r.Key is not null).Select(r => Record(r.Item, r.Key!)), ct);
    }

    private static IdempotencyRecord Record(FeedbackItem item, IdempotencyKey key) => new()
    {
        KeyHash = key.KeyHash, RequestHash = key.RequestHash, CreatedAt = item.ReceivedAt, FeedbackId = item.Id,
    };

    public async ValueTask DisposeAsync()
    {
        await _feedback.DisposeAsync();
        await _contacts.DisposeAsync();
        await _keys.DisposeAsync();
        await Db.Database.CloseConnectionAsync();
        await _scope.DisposeAsync();
    }
}
