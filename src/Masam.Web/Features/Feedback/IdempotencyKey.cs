using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Masam.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Feedback;

/// <summary>An <c>Idempotency-Key</c> header and the body it came with, both kept only as SHA-256 hashes.</summary>
public sealed record IdempotencyKey(string KeyHash, string RequestHash)
{
    public const string HeaderName = "Idempotency-Key";

    /// <remarks>
    /// 128 bits of each hash, in base64url (22 characters): ample against collisions, and a
    /// third of the size of hex in the unique index that every submission writes to.
    /// </remarks>
    public static IdempotencyKey Create(string key, ReadOnlySpan<byte> body) =>
        new(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16)),
            Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 16)));

    /// <summary>The stored keys among <paramref name="keyHashes"/>, with the result each first gave.</summary>
    public static async Task<Dictionary<string, StoredIdempotencyKey>> FindAsync(
        MasamDbContext db, IReadOnlyCollection<string> keyHashes, CancellationToken ct)
    {
        var rows = await db.IdempotencyRecords
            .Where(r => keyHashes.Contains(r.KeyHash))
            .Select(r => new { r.KeyHash, r.RequestHash, r.Feedback!.TrackingCode, r.Feedback.ReceivedAt })
            .ToListAsync(ct);
        return rows.ToDictionary(
            r => r.KeyHash,
            r => new StoredIdempotencyKey(r.RequestHash, FeedbackReceipt.For(r.TrackingCode, r.ReceivedAt)),
            StringComparer.Ordinal);
    }
}

public sealed record StoredIdempotencyKey(string RequestHash, FeedbackReceipt Receipt);

public sealed class IdempotencyKeyReusedException()
    : Exception("The Idempotency-Key was already used with a different request.");
