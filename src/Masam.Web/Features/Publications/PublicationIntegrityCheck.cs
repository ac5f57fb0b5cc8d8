using Masam.Web.Data;
using Masam.Web.Features.Audit;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The daily check of everything published: the hash chain of the records and every file on disk
/// against its fingerprint. Each result goes into the audit log (so it is itself chained and kept),
/// where Admin reads the latest at <c>GET /api/v1/admin/publications/integrity</c>; a failure is
/// logged as an error.
/// </summary>
public sealed class PublicationIntegrityCheck(MasamDbContext db, PublicationCatalogue catalogue, AuditTrail audit, Infrastructure.MasamMetrics metrics, ILogger<PublicationIntegrityCheck> logger)
{
    public const string Action = "publication.integrity-check";

    public async Task<ChainCheck> ExecuteAsync(CancellationToken ct)
    {
        var result = await catalogue.CheckAsync(ct);
        audit.RecordAs("system", "system", Action, "publication", "all", null, result);
        await db.SaveChangesAsync(ct);
        if (!result.Intact)
        {
            metrics.IntegrityFailure("publications");
            logger.LogError("Published reports failed their integrity check: first broken record {Record}, damaged files {Files}",
                result.FirstBroken, string.Join(", ", result.DamagedFiles));
        }

        return result;
    }

    /// <summary>The latest check, when it ran, or null before the first.</summary>
    public async Task<IntegrityReport?> LatestAsync(CancellationToken ct) =>
        await audit.LatestAsync<ChainCheck>(Action, ct) is { } latest ? new IntegrityReport(latest.At, latest.Recorded) : null;
}

public sealed record IntegrityReport(DateTime CheckedAt, ChainCheck Result);
