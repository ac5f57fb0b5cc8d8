using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Scorecards.Import;

/// <summary>The <c>Masam:Scorecards</c> section: how large a tablet export may be, as sent and once unpacked.</summary>
public sealed class ImportOptions
{
    public const string Section = "Masam:Scorecards";

    /// <summary>The largest file accepted, on the API and on the page alike.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long ImportMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How much an export (a zip of CSVs, or an XLSX, which is a zip too) may unpack to.</summary>
    [Range(1024, 4L * 1024 * 1024 * 1024)]
    public long ImportMaxUnpackedBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>How many files an export's archive may hold.</summary>
    [Range(1, 10_000)]
    public int ImportMaxEntries { get; set; } = 200;

    /// <summary>The longest one CSV record (one submission's row) may be.</summary>
    public const int MaxRecordBytes = 1024 * 1024;
}

/// <summary>An export beyond the limits: refused whole, with the limit named (a text of the catalogue and its arguments).</summary>
public sealed class ExportTooLargeException(string textKey, params object[] arguments) : Exception(textKey)
{
    public string TextKey => Message;

    public object[] Arguments => arguments;
}
