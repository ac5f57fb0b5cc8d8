using Masam.Web.Data;
using Masam.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Sms;

/// <summary>What a gateway reports of a message it sent.</summary>
public enum DeliveryReport
{
    /// <summary>Taken or buffered by the operator: still on its way.</summary>
    Sent,

    /// <summary>On the phone.</summary>
    Delivered,

    /// <summary>Not delivered, and the operator will not try again.</summary>
    Failed,

    /// <summary>Refused by the operator's SMSC before it tried: Masam tries again after its back-off.</summary>
    Refused,
}

/// <summary>
/// Records gateways' delivery reports on the outbox messages they name, by group commit (a report
/// comes back for every reply, as fast as the replies go out).
/// </summary>
public sealed class SmsDeliveryReports(IServiceScopeFactory scopes, TimeProvider clock, Infrastructure.MasamMetrics metrics, ILogger<SmsDeliveryReports> logger)
    : Infrastructure.GroupCommit<(long OutboxId, DeliveryReport Report), bool>(scopes, logger)
{
    /// <summary>Kannel's DLR type (<c>%d</c>): 1 delivered, 2 undelivered, 4 buffered, 8 accepted by the SMSC, 16 refused by it.</summary>
    public static DeliveryReport? FromKannel(int type) => type switch
    {
        1 => DeliveryReport.Delivered,
        2 => DeliveryReport.Failed,
        4 or 8 => DeliveryReport.Sent,
        16 => DeliveryReport.Refused,
        _ => null,
    };

    /// <summary>A courier external channel's status: <c>sent</c>, <c>delivered</c> or <c>failed</c>.</summary>
    public static DeliveryReport? FromRapidPro(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "sent" or "wired" => DeliveryReport.Sent,
        "delivered" => DeliveryReport.Delivered,
        "failed" or "errored" => DeliveryReport.Failed,
        _ => null,
    };

    /// <summary>False when no SMS in the outbox has this id (nothing is stored).</summary>
    public Task<bool> RecordAsync(long outboxId, DeliveryReport report, CancellationToken ct) => WriteAsync((outboxId, report), ct);

    protected override async Task<bool[]> WriteBatchAsync(MasamDbContext db, IReadOnlyList<(long OutboxId, DeliveryReport Report)> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.OutboxId).Distinct().ToList();
        var messages = await db.Outbox.Where(m => ids.Contains(m.Id) && m.Channel == OutboxChannel.Sms).ToDictionaryAsync(m => m.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (messages.TryGetValue(items[i].OutboxId, out var message))
            {
                Apply(message, items[i].Report, now);
                found[i] = true;
                metrics.OutboundMessage("sms", items[i].Report == DeliveryReport.Refused ? "retrying" : message.State.ToString().ToLowerInvariant());
            }
        }

        await db.SaveChangesAsync(ct);
        return found;
    }

    private static void Apply(OutboxMessage message, DeliveryReport report, DateTime now)
    {
        switch (report)
        {
            case DeliveryReport.Delivered:
                message.SentAt ??= now;
                message.Delivered(now);
                break;
            case DeliveryReport.Failed when message.State != OutboxState.Delivered:
                message.LastError = "The gateway reported it undelivered.";
                message.GiveUp(now);
                break;
            case DeliveryReport.Refused when message.State != OutboxState.Delivered:
                message.State = OutboxState.Queued;
                message.Failed("The operator's SMSC refused it.", now);
                break;
            case DeliveryReport.Sent when message.State == OutboxState.Queued:
                message.State = OutboxState.Sent;
                message.SentAt ??= now;
                break;
        }
    }
}
