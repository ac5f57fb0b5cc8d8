namespace Masam.Web.Features.Audit;

/// <summary>
/// One staff action, appended to a chain: each entry carries the hash of the one before it, so
/// that a changed, removed or inserted entry breaks the chain where it happened. The application
/// never updates or deletes an entry.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>1, 2, 3... without gaps; a missing number is a removed entry.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }
    public string? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string ActorRole { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>The entity before the change, as JSON; null when it was created.</summary>
    public string? Before { get; set; }

    /// <summary>The entity after the change, as JSON; null when it was removed.</summary>
    public string? After { get; set; }

    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
