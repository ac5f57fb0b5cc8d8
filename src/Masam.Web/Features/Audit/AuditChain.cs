using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Masam.Web.Features.Audit;

/// <summary>How an entry's hash is made; anyone with the rows can recompute it.</summary>
/// <remarks>
/// SHA-256 over every field, each written as its length in characters, a colon and its value
/// (so no two different entries can run together into the same text), ending with the
/// previous entry's hash. Time is taken to the millisecond, which every database keeps exactly.
/// </remarks>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public static string HashOf(AuditEntry e)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.ActorId, e.ActorName, e.ActorRole, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.PreviousHash,
        })
        {
            text.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
