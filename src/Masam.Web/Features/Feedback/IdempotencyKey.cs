using System.Security.Cryptography;
using System.Text;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>An <c>Idempotency-Key</c> header and the body it came with, both kept only as SHA-256 hashes.</summary>
public sealed record IdempotencyKey(string KeyHash, string RequestHash)
{
    public const string HeaderName = "Idempotency-Key";

    public static IdempotencyKey Create(string key, ReadOnlySpan<byte> body) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            Convert.ToHexStringLower(SHA256.HashData(body)));

    /// <summary>
    /// The first result for this key, or null if the key is new.
    /// </summary>
    /// <exception cref="IdempotencyKeyReusedException">The key was used before with another request.</exception>
    public async Task<FeedbackReceipt?> FindReplayAsync(MasamDbContext db, CancellationToken ct)
    {
        var earlier = await db.IdempotencyRecords
            .Where(r => r.KeyHash == KeyHash)
            .Select(r => new { r.RequestHash, r.Feedback!.TrackingCode, r.Feedback.ReceivedAt })
            .FirstOrDefaultAsync(ct);
        if (earlier is null)
        {
            return null;
        }

        return earlier.RequestHash == RequestHash
            ? FeedbackReceipt.For(earlier.TrackingCode, earlier.ReceivedAt, replayed: true)
            : throw new IdempotencyKeyReusedException();
    }
}

public sealed class IdempotencyKeyReusedException()
    : Exception("The Idempotency-Key was already used with a different request.");
