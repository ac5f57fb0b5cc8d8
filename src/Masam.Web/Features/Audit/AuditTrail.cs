using System.Security.Claims;
using System.Text.Json;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Audit;

/// <summary>
/// Records staff actions. An entry is added to the context and saved with the change it
/// describes, in the same transaction; the chain is linked when it is saved.
/// </summary>
public sealed class AuditTrail(MasamDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    private static long _order;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Adds an entry for the signed-in staff member (or the system, outside a request).</summary>
    public void Record(string action, string entityType, string entityId, object? before, object? after) =>
        Record(http.HttpContext?.User, action, entityType, entityId, before, after);

    public void Record(ClaimsPrincipal? actor, string action, string entityType, string entityId, object? before, object? after)
    {
        var signedIn = actor?.Identity?.IsAuthenticated == true;
        Add(signedIn ? actor!.FindFirstValue(ClaimTypes.NameIdentifier) : null, signedIn ? actor!.Identity!.Name ?? "?" : "system",
            signedIn ? actor!.FindFirstValue(ClaimTypes.Role) ?? "" : "system", action, entityType, entityId, before, after);
    }

    /// <summary>Adds an entry for someone who is not staff: a citizen (anonymous, never named), or a named process.</summary>
    public void RecordAs(string actorName, string actorRole, string action, string entityType, string entityId, object? before, object? after) =>
        Add(null, actorName, actorRole, action, entityType, entityId, before, after);

    /// <summary>The newest entry of <paramref name="action"/>: when, and what it recorded (its "after"), or null before the first.</summary>
    public async Task<(DateTime At, T Recorded)?> LatestAsync<T>(string action, CancellationToken ct) where T : class
    {
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.At, e.After }).FirstOrDefaultAsync(ct);
        return entry?.After is null ? null : (entry.At, JsonSerializer.Deserialize<T>(entry.After, JsonSerializerOptions.Web)!);
    }

    private void Add(string? actorId, string actorName, string actorRole, string action, string entityType, string entityId, object? before, object? after)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            // A provisional order among the entries of one save; the interceptor numbers them.
            Sequence = Interlocked.Increment(ref _order),
            At = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
            ActorId = actorId,
            ActorName = actorName,
            ActorRole = actorRole,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            PreviousHash = "",
            Hash = "",
        });
    }
}
