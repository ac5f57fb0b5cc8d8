using System.Text.Json;
using Masam.Web.Data;
using Masam.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The daily check of everything published: the hash chain of the records and every file on disk
/// against its fingerprint. Each result goes into the audit log (so it is itself chained and kept),
/// where Admin reads the latest at <c>GET /api/v1/admin/publications/integrity</c>; a failure is
/// logged as an error.
/// </summary>
public sealed class PublicationIntegrityCheck(MasamDbContext db, PublicationCatalogue catalogue, AuditTrail audit, ILogger<PublicationIntegrityCheck> logger)
{
    public const string Action = "publication.integrity-check";

    public async Task<ChainCheck> ExecuteAsync(CancellationToken ct)
    {
        var result = await catalogue.CheckAsync(ct);
        audit.RecordAs("system", "system", Action, "publication", "all", null, result);
        await db.SaveChangesAsync(ct);
        if (!result.Intact)
        {
            logger.LogError("Published reports failed their integrity check: first broken record {Record}, damaged files {Files}",
                result.FirstBroken, string.Join(", ", result.DamagedFiles));
        }

        return result;
    }

    /// <summary>The latest check, when it ran, or null before the first.</summary>
    public async Task<IntegrityReport?> LatestAsync(CancellationToken ct)
    {
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Action == Action).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.At, e.After }).FirstOrDefaultAsync(ct);
        return entry?.After is null ? null : new IntegrityReport(entry.At, JsonSerializer.Deserialize<ChainCheck>(entry.After, JsonSerializerOptions.Web)!);
    }
}

public sealed record IntegrityReport(DateTime CheckedAt, ChainCheck Result);
