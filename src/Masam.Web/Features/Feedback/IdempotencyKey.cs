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
