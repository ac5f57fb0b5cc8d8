using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Audit;

/// <summary>The result of walking the chain: how many entries held, and the first that did not.</summary>
public sealed record AuditVerification(bool Valid, long EntriesChecked, long? FirstBadSequence, string? Problem)
{
    public static async Task<AuditVerification> RunAsync(MasamDbContext db, CancellationToken ct)
    {
        var previous = AuditChain.Genesis;
        long expected = 1, checkedCount = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            var problem =
                entry.Sequence != expected ? $"expected entry {expected} but found {entry.Sequence}: entries are missing"
                : entry.PreviousHash != previous ? "its link to the previous entry does not match"
                : entry.Hash != AuditChain.HashOf(entry) ? "its content does not match its hash: it was changed"
                : null;
            if (problem is not null)
            {
                return new AuditVerification(false, checkedCount, entry.Sequence, problem);
            }

            previous = entry.Hash;
            expected++;
            checkedCount++;
        }

        return new AuditVerification(true, checkedCount, null, null);
    }
}
