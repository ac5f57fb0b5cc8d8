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
                await _keys.InsertAsync(new IdempotencyRecord
                {
                    KeyHash = key.KeyHash,
                    RequestHash = key.RequestHash,
                    CreatedAt = item.ReceivedAt,
                    FeedbackId = item.Id,
                }, ct);
            }
        }

        await transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _feedback.DisposeAsync();
        await _contacts.DisposeAsync();
        await _keys.DisposeAsync();
        await Db.Database.CloseConnectionAsync();
        await _scope.DisposeAsync();
    }
}
