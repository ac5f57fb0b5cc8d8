using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Masam.Web.Features.Publications;

/// <summary>
/// The hash chain of published publications, in the order they were published. Each record's hash
/// covers its published facts, its manifest's hash and the hash of the record before, so that a
/// publication changed or removed afterwards breaks every later link. The text hashed is plain
/// and documented here, so anyone can recompute it from the catalogue:
/// <code>masam-publication-v1\n{id}\n{period}\n{unit or "national"}\n{edition}\n{publishedAt, ISO 8601 UTC}\n{manifestSha256}\n{replacesId or "-"}\n{previousSha256 or "-"}</code>
/// </summary>
public static class PublicationChain
{
    public static string RecordText(Publication p) => string.Join('\n',
        "masam-publication-v1", p.Id.ToString(CultureInfo.InvariantCulture), p.Period, p.AdminUnitCode ?? "national",
        p.Edition.ToString(CultureInfo.InvariantCulture), p.PublishedAt!.Value.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        p.ManifestSha256, p.ReplacesId?.ToString(CultureInfo.InvariantCulture) ?? "-", p.PreviousSha256 ?? "-");

    public static string Hash(Publication p) => Sha256(Encoding.UTF8.GetBytes(RecordText(p)));

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Checks every link of the chain; returns the id of the first publication that does not hold, or null.</summary>
    public static int? FirstBroken(IReadOnlyList<Publication> publishedInOrder)
    {
        string? previous = null;
        foreach (var p in publishedInOrder)
        {
            if (p.PreviousSha256 != previous || p.RecordSha256 != Hash(p))
            {
                return p.Id;
            }

            previous = p.RecordSha256;
        }

        return null;
    }
}
