using Masam.Web.Data;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Visits;

/// <summary>
/// Stores checked visits, all or nothing: one transaction for a request or a whole file, written in
/// chunks so that a file of a million rows never sits in memory at once. A visit already stored
/// (the same provider and visit id, from any request or file, or twice in one) is left as it was
/// and reported back: sending a batch again changes nothing.
/// </summary>
public sealed class VisitRecorder(MasamDbContext db)
{
    /// <summary>Rows written per round trip.</summary>
    public const int ChunkSize = 2000;

    /// <summary>Stores one request's visits; a concurrent request with the same visits makes this one look again, once.</summary>
    public async Task<VisitsRecorded> RecordAsync(IReadOnlyList<ServiceVisit> visits, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = await BeginAsync(ct);
            try
            {
                foreach (var chunk in visits.Chunk(ChunkSize))
                {
                    await session.AddAsync(chunk, ct);
                }

                return await session.CommitAsync(ct);
            }
            catch (Exception ex) when (attempt == 1 && ConcurrentWriteHandler.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<Session> BeginAsync(CancellationToken ct) => new(db, await db.Database.BeginTransactionAsync(ct));

    /// <summary>One transaction's visits; disposed without <see cref="CommitAsync"/>, nothing of it stays.</summary>
    public sealed class Session(MasamDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction) : IAsyncDisposable
    {
        private readonly HashSet<(int, string)> _seen = [];
        private readonly List<(int ProviderId, string VisitId)> _already = [];
        private int _received;

        public async Task AddAsync(IReadOnlyCollection<ServiceVisit> chunk, CancellationToken ct)
        {
            var ids = chunk.Select(v => v.ExternalId).Distinct().ToList();
            var stored = (await db.Set<ServiceVisit>().AsNoTracking().Where(v => ids.Contains(v.ExternalId))
                    .Select(v => new { v.ProviderId, v.ExternalId }).ToListAsync(ct))
                .Select(v => (v.ProviderId, v.ExternalId)).ToHashSet();
            var fresh = new List<ServiceVisit>(chunk.Count);
            foreach (var visit in chunk)
            {
                var key = (visit.ProviderId, visit.ExternalId);
                if (stored.Contains(key) || !_seen.Add(key))
                {
                    _already.Add(key);
                }
                else
                {
                    fresh.Add(visit);
                }
            }

            // One prepared statement (COPY on PostgreSQL) rather than the change tracker: a file of a million rows goes at the database's pace.
            await TableInserter<ServiceVisit>.InsertAllAsync(db, fresh, ct, readKeys: false);
            _received += fresh.Count;
        }

        /// <summary>Commits the visits, with whatever else the context holds (the file's audit entry).</summary>
        public async Task<VisitsRecorded> CommitAsync(CancellationToken ct)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new VisitsRecorded(_received, _already);
        }

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}

/// <param name="Received">Visits stored now.</param>
/// <param name="AlreadyReceived">Visits stored before (or twice in this batch), by provider id and visit id: left as they were.</param>
public sealed record VisitsRecorded(int Received, IReadOnlyList<(int ProviderId, string VisitId)> AlreadyReceived);
