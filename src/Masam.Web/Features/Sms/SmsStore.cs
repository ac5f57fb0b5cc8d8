using Masam.Web.Data;
using Masam.Web.Features.Reminders;
using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Sms;

/// <summary>
/// Writes inbound SMS records with their replies by group commit: a gateway delivering thousands of
/// messages a minute costs a few transactions a second, not one each. An item whose gateway id is
/// already stored (a replay racing the first) is answered false and stores nothing.
/// </summary>
public sealed class SmsStore(IServiceScopeFactory scopes, ILogger<SmsStore> logger)
    : GroupCommit<SmsStore.Record, bool>(scopes, logger)
{
    public sealed record Record(SmsInbound Inbound, OutboxMessage? Reply);

    protected override async Task<bool[]> WriteBatchAsync(MasamDbContext db, IReadOnlyList<Record> items, CancellationToken ct)
    {
        foreach (var item in items)
        {
            db.SmsInbound.Add(item.Inbound);
            if (item.Reply is { } reply) db.Outbox.Add(reply);
        }

        await db.SaveChangesAsync(ct);
        return [.. items.Select(_ => true)];
    }

    protected override bool TryAnswerFailure(Record item, Exception error, out bool stored)
    {
        stored = false;
        return ConcurrentWriteHandler.IsUniqueViolation(error);
    }
}
